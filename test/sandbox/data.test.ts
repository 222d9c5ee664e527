import { describe, expect, test } from 'vitest';
import { registeredStreams, startSandbox } from '../../sandbox/index.js';
import { allV2, allV3, get, rfcToIso } from './helpers.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
/** Incremental collections (records with a date_modified, live changes on): each gets a bulk block and ties. */
const DATED_COLLECTIONS = registeredStreams().flatMap(({ spec }) =>
  spec.kind === 'collection' && spec.hasDateModified && spec.isLive ? [spec.stream] : [],
);

describe('generated data', () => {
  test('the same seed gives the same store; another seed a different one', async () => {
    const a = await startSandbox({ seed: 9, clock: { now: () => NOW } });
    const b = await startSandbox({ seed: 9, clock: { now: () => NOW } });
    const c = await startSandbox({ seed: 10, clock: { now: () => NOW } });
    const strip = (orders: any[]) => JSON.stringify(orders).replaceAll(a.url, '').replaceAll(b.url, '').replaceAll(c.url, '');
    expect(strip(await allV2(a, '/v2/orders'))).toBe(strip(await allV2(b, '/v2/orders')));
    expect(strip(await allV2(a, '/v2/orders'))).not.toBe(strip(await allV2(c, '/v2/orders')));
    const inc = '/v3/catalog/products?include=variants,images,custom_fields,bulk_pricing_rules,primary_image,videos';
    expect(await allV3(a, inc)).toEqual(await allV3(b, inc));
    expect(await allV3(a, '/v3/customers?include=addresses,attributes')).toEqual(
      await allV3(b, '/v3/customers?include=addresses,attributes'),
    );
    expect((await get(a, '/v2/orders/150/products')).body).toEqual((await get(b, '/v2/orders/150/products')).body);
    for (const s of [a, b, c]) await s.close();
  });

  test('each dated stream has a block of more than 250 records in one second, plus small ties', async () => {
    const sb = await startSandbox({ clock: { now: () => NOW } });
    for (const stream of DATED_COLLECTIONS) {
      const counts = new Map<string, number>();
      for (const r of sb.snapshot(stream)) counts.set(r.date_modified!, (counts.get(r.date_modified!) ?? 0) + 1);
      const sizes = [...counts.values()].sort((x, y) => y - x);
      expect(sizes[0], stream).toBeGreaterThan(250);
      expect(sizes.filter((n) => n >= 2 && n <= 5).length, stream).toBeGreaterThanOrEqual(2);
    }
    const orders = await allV2(sb, '/v2/orders');
    const spanDays = (NOW - Date.parse(orders[0].date_created)) / 86_400_000;
    expect(spanDays).toBeGreaterThan(600);
    for (const o of orders) expect(Date.parse(o.date_modified)).toBeLessThanOrEqual(NOW);
    await sb.close();
    const small = await startSandbox({ sizes: { orders: 100, customers: 50, products: 20 } });
    const counts = new Map<string, number>();
    for (const r of small.snapshot('orders')) counts.set(r.date_modified!, (counts.get(r.date_modified!) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBe(40);
    await small.close();
  });

  test('snapshot matches what the routes serve', async () => {
    const sb = await startSandbox({ seed: 21 });
    const orders = await allV2(sb, '/v2/orders');
    expect(sb.snapshot('orders')).toEqual(orders.map((o) => ({ id: o.id, date_modified: rfcToIso(o.date_modified) })));
    const customers = await allV3(sb, '/v3/customers');
    expect(sb.snapshot('customers')).toEqual(customers.map((c) => ({ id: c.id, date_modified: c.date_modified })));
    const products = await allV3(sb, '/v3/catalog/products');
    expect(sb.snapshot('products')).toEqual(products.map((p) => ({ id: p.id, date_modified: p.date_modified.replace('+00:00', 'Z') })));
    const coupons = await allV2(sb, '/v2/coupons');
    expect(sb.snapshot('coupons')).toEqual(coupons.map((c) => ({ id: c.id })));
    await sb.close();
  });

  test('live changes move modified records to the end with date_modified = now and append new ones', async () => {
    let now = NOW;
    const sb = await startSandbox({ clock: { now: () => now }, liveChanges: { everyRequests: 2, modify: 3, create: 2 } });
    const before = sb.snapshot('orders');
    const first = await get(sb, '/v2/orders?sort=date_modified:asc&limit=5');
    expect(first.status).toBe(200);
    now += 60_000;
    await get(sb, '/v2/orders?sort=date_modified:asc&limit=5'); // the 2nd list request triggers a change
    const after = sb.snapshot('orders');
    expect(after).toHaveLength(before.length + 2);
    const stamp = new Date(now).toISOString().replace('.000Z', 'Z');
    const changed = after.filter((r) => r.date_modified === stamp);
    expect(changed.length).toBeGreaterThanOrEqual(4);
    expect(changed.length).toBeLessThanOrEqual(5);
    expect(sb.snapshot('customers').length).toBe(302);
    expect(sb.snapshot('coupons').length).toBe(60);
    const tail = await get(sb, '/v2/orders?sort=date_modified:desc&limit=10'); // 3rd list request: no change
    expect(
      tail.body
        .slice(0, changed.length)
        .map((o: any) => o.id)
        .sort(),
    ).toEqual(changed.map((r) => r.id).sort());
    expect(rfcToIso(tail.body[0].date_modified)).toBe(stamp);
    const newest = after.at(-1)!;
    expect(newest.id).toBe(Number(before.at(-1)!.id) + 2);
    const created = await get(sb, `/v2/orders/${newest.id}`);
    expect(rfcToIso(created.body.date_created)).toBe(stamp);
    // Page numbers are offsets into the current list: the modified records left their old positions.
    const ascending = await allV2(sb, '/v2/orders?sort=date_modified:asc', 250);
    expect(ascending.slice(-changed.length).every((o) => rfcToIso(o.date_modified) === stamp)).toBe(true);
    await sb.close();
  });

  test('lazy mode: 100k orders, 50k products, 50k customers start and serve pages', async () => {
    const sb = await startSandbox({ lazy: true, sizes: { orders: 100_000, products: 50_000, customers: 50_000 } });
    const page = await get(sb, '/v2/orders?sort=date_modified:asc&limit=250&page=200');
    const products = await get(sb, '/v3/catalog/products?sort=date_modified&direction=asc&limit=250&page=100&include=variants,images');
    const customers = await get(sb, `/v3/customers?date_modified:min=2000-01-01T00:00:00Z&sort=date_modified:asc&limit=250&page=150`);
    const count = await get(sb, '/v2/orders/count');
    expect(page.body).toHaveLength(250);
    expect(products.body.data).toHaveLength(250);
    expect(customers.body.meta.pagination.total).toBe(50_000);
    expect(count.body.count).toBe(100_000);
    const counts = new Map<string, number>();
    for (const r of sb.snapshot('orders')) counts.set(r.date_modified!, (counts.get(r.date_modified!) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBe(2000);
    await sb.close();
  });
});
