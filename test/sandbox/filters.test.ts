import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../sandbox/index.js';
import { allV2, allV3, get, rfcToIso } from './helpers.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const clock = { now: () => NOW };
let inclusive: SandboxHandle;
let exclusive: SandboxHandle;
beforeAll(async () => {
  inclusive = await startSandbox({ seed: 3, clock });
  exclusive = await startSandbox({ seed: 3, clock, minInclusive: false });
});
afterAll(async () => {
  await inclusive.close();
  await exclusive.close();
});

const sec = (iso: string) => Date.parse(iso) / 1000;

describe('orders filters and sorts', () => {
  test('min/max_date_modified accept RFC 2822 and ISO 8601 (Z and +00:00), :max inclusive', async () => {
    const all = await allV2(inclusive, '/v2/orders');
    const pivot = all[123]!;
    const iso = rfcToIso(pivot.date_modified);
    const expected = all
      .filter((o) => sec(rfcToIso(o.date_modified)) >= sec(iso))
      .map((o) => o.id)
      .sort((a, b) => a - b);
    for (const value of [pivot.date_modified, iso, iso.replace('Z', '+00:00'), iso.replace('Z', '.000-00:00')]) {
      const got = await allV2(inclusive, `/v2/orders?min_date_modified=${encodeURIComponent(value)}`);
      expect(got.map((o) => o.id).sort((a, b) => a - b)).toEqual(expected);
    }
    const upTo = await allV2(inclusive, `/v2/orders?max_date_modified=${encodeURIComponent(iso)}`);
    expect(upTo.every((o) => sec(rfcToIso(o.date_modified)) <= sec(iso))).toBe(true);
    expect(upTo.some((o) => o.id === pivot.id)).toBe(true);
    const shifted = await allV2(inclusive, `/v2/orders?min_date_modified=${encodeURIComponent(iso.replace('Z', '+02:00'))}`);
    expect(shifted.length).toBe(all.filter((o) => sec(rfcToIso(o.date_modified)) >= sec(iso) - 7200).length);
  });

  test('minInclusive false makes min_date_modified exclusive', async () => {
    const all = await allV2(exclusive, '/v2/orders');
    const iso = rfcToIso(all[50]!.date_modified);
    const got = await allV2(exclusive, `/v2/orders?min_date_modified=${encodeURIComponent(iso)}`);
    expect(got.every((o) => sec(rfcToIso(o.date_modified)) > sec(iso))).toBe(true);
    expect(got.length).toBe(all.filter((o) => sec(rfcToIso(o.date_modified)) > sec(iso)).length);
    const ids = await allV2(exclusive, `/v2/orders?min_id=${all[50]!.id}`);
    expect(ids[0].id).toBe(all[50]!.id);
  });

  test('sort=date_modified:asc orders by second then id; :desc reverses; created filters', async () => {
    const asc = await allV2(inclusive, '/v2/orders?sort=date_modified:asc');
    const key = (o: any) => [sec(rfcToIso(o.date_modified)), o.id] as const;
    for (let i = 1; i < asc.length; i++) {
      const [a, ai] = key(asc[i - 1]);
      const [b, bi] = key(asc[i]);
      expect(a < b || (a === b && ai < bi)).toBe(true);
    }
    const desc = await allV2(inclusive, '/v2/orders?sort=date_modified:desc');
    expect(desc.map((o) => o.id)).toEqual(asc.map((o) => o.id).reverse());
    const created = await allV2(
      inclusive,
      `/v2/orders?sort=date_created:asc&min_date_created=${encodeURIComponent('2024-01-01T00:00:00Z')}`,
    );
    expect(created.every((o) => sec(rfcToIso(o.date_created)) >= sec('2024-01-01T00:00:00Z'))).toBe(true);
    const window = await allV2(inclusive, '/v2/orders?min_id=150&max_id=160&sort=id:asc');
    expect(window[0].id).toBeGreaterThanOrEqual(150);
    expect(window.at(-1).id).toBeLessThanOrEqual(160);
    expect((await get(inclusive, '/v2/orders?sort=bogus:asc')).status).toBe(400);
    expect((await get(inclusive, '/v2/orders?min_date_modified=yesterday')).body[0].status).toBe(400);
  });

  test('tieOrder reverse and shuffled order records of one second differently but stably', async () => {
    for (const tieOrder of ['reverse', 'shuffled'] as const) {
      const sb = await startSandbox({ seed: 3, clock, tieOrder });
      const a = await allV2(sb, '/v2/orders?sort=date_modified:asc', 50);
      const b = await allV2(sb, '/v2/orders?sort=date_modified:asc', 250);
      expect(a.map((o) => o.id)).toEqual(b.map((o) => o.id));
      const first = a.findIndex((o, i) => i > 0 && o.date_modified === a[i - 1].date_modified);
      if (tieOrder === 'reverse') expect(a[first].id).toBeLessThan(a[first - 1].id);
      await sb.close();
    }
  });
});

describe('customers filters', () => {
  test('date_modified:min/:max, date_created, id:in, sort', async () => {
    const all = await allV3(inclusive, '/v3/customers');
    const pivot = all[77]!.date_modified as string;
    const got = await allV3(inclusive, `/v3/customers?date_modified:min=${pivot}&sort=date_modified:asc`);
    expect(got.length).toBe(all.filter((c) => sec(c.date_modified) >= sec(pivot)).length);
    expect(got[0].date_modified >= pivot).toBe(true);
    const ex = await allV3(exclusive, `/v3/customers?date_modified:min=${pivot}`);
    expect(ex.every((c) => sec(c.date_modified) > sec(pivot))).toBe(true);
    const upTo = await allV3(inclusive, `/v3/customers?date_modified:max=${pivot}`);
    expect(upTo.every((c) => sec(c.date_modified) <= sec(pivot))).toBe(true);
    const exact = await allV3(inclusive, `/v3/customers?date_modified:min=${pivot}&date_modified:max=${pivot}`);
    expect(exact.every((c) => c.date_modified === pivot)).toBe(true);
    const picked = await get(inclusive, `/v3/customers?id:in=${all[3].id},${all[5].id}`);
    expect(picked.body.data.map((c: any) => c.id)).toEqual([all[3].id, all[5].id]);
    const desc = await allV3(inclusive, '/v3/customers?sort=date_modified:desc');
    expect(sec(desc[0].date_modified)).toBeGreaterThanOrEqual(sec(desc.at(-1).date_modified));
    const created = await allV3(inclusive, '/v3/customers?date_created:min=2024-01-01&sort=date_created:asc');
    expect(created.every((c) => c.date_created >= '2024-01-01')).toBe(true);
  });

  test('unknown filters and id:min are 422 with the real title', async () => {
    const got = await get(inclusive, '/v3/customers?foo=1&id:min=5');
    expect(got.status).toBe(422);
    expect(got.body).toEqual({
      status: 422,
      title: 'The filter(s): foo, id:min are not valid filter parameter(s).',
      type: '/api-docs/getting-started/api-status-codes',
      errors: {},
    });
    expect((await get(inclusive, '/v3/customers?sort=id:asc')).status).toBe(422);
  });
});

describe('products filters', () => {
  test('id:min, id:max, id:greater, id:less, id, id:in', async () => {
    const ids = (await allV3(inclusive, '/v3/catalog/products')).map((p) => p.id);
    const pick = (q: string) => allV3(inclusive, `/v3/catalog/products?${q}`).then((r) => r.map((p) => p.id));
    const x = ids[100]!;
    expect(await pick(`id:min=${x}`)).toEqual(ids.filter((i) => i >= x));
    expect(await pick(`id:greater=${x}`)).toEqual(ids.filter((i) => i > x));
    expect(await pick(`id:max=${x}`)).toEqual(ids.filter((i) => i <= x));
    expect(await pick(`id:less=${x}`)).toEqual(ids.filter((i) => i < x));
    expect(await pick(`id=${x}`)).toEqual([x]);
    expect(await pick(`id:in=${ids[1]},${ids[2]}`)).toEqual([ids[1], ids[2]]);
  });

  test('date_modified:min (full and date-only), sort=date_modified&direction', async () => {
    const all = await allV3(inclusive, '/v3/catalog/products?sort=date_modified&direction=asc');
    for (let i = 1; i < all.length; i++) expect(sec(all[i].date_modified)).toBeGreaterThanOrEqual(sec(all[i - 1].date_modified));
    const pivot = all[200].date_modified as string;
    const got = await allV3(inclusive, `/v3/catalog/products?date_modified:min=${encodeURIComponent(pivot)}&sort=date_modified`);
    expect(got.map((p) => p.id)).toEqual(all.filter((p) => sec(p.date_modified) >= sec(pivot)).map((p) => p.id));
    // A date-only :min gets the current time of day (12:00:00 on the test clock) appended.
    const day = pivot.slice(0, 10);
    const dateOnly = await allV3(inclusive, `/v3/catalog/products?date_modified:min=${day}`);
    expect(dateOnly.length).toBe(all.filter((p) => sec(p.date_modified) >= sec(`${day}T12:00:00Z`)).length);
    const desc = await allV3(inclusive, '/v3/catalog/products?sort=date_modified&direction=desc');
    expect(desc.map((p) => p.id)).toEqual(all.map((p) => p.id).reverse());
    expect((await get(inclusive, '/v3/catalog/products?date_modified:greater=2020-01-01')).status).toBe(422);
  });
});

describe('coupons filters', () => {
  test('min_id, max_id, id, code', async () => {
    const all = await allV2(inclusive, '/v2/coupons');
    const got = await allV2(inclusive, `/v2/coupons?min_id=${all[10].id}&max_id=${all[20].id}`);
    expect(got.map((c) => c.id)).toEqual(all.slice(10, 21).map((c) => c.id));
    expect((await get(inclusive, `/v2/coupons?code=${all[4].code}`)).body.map((c: any) => c.id)).toEqual([all[4].id]);
    expect((await get(inclusive, `/v2/coupons?id=${all[4].id}`)).body).toHaveLength(1);
    expect((await get(inclusive, `/v2/coupons/count?min_id=${all[50].id}`)).body.count).toBe(10);
  });
});
