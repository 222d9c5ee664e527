import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../sandbox/index.js';
import { allV2, allV3, DEC4, get } from './helpers.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 8, clock: { now: () => NOW }, sizes: { orders: 300, promotions: 40 } });
});
afterAll(() => sandbox.close());

describe('gift certificates', () => {
  test("are the certificates the orders sold: one per gift-certificate line, with the order's buyer, amount and date", async () => {
    const certificates = await allV2(sandbox, '/v2/gift_certificates', 4);
    expect(certificates.length).toBeGreaterThan(3);
    expect(certificates.map((c) => c.id)).toEqual([...certificates.map((c) => c.id)].sort((a, b) => a - b));
    for (const certificate of certificates) {
      const order = (await get(sandbox, `/v2/orders/${certificate.order_id}`)).body;
      const lines = (await get(sandbox, `/v2/orders/${certificate.order_id}/products`)).body;
      const line = lines.find((l: any) => l.type === 'giftcertificate');
      expect(line.gift_certificate_id).toBe(certificate.id);
      expect(Number(certificate.amount)).toBe(Number(line.base_price));
      expect(certificate.amount).toMatch(DEC4);
      expect(Number(certificate.balance)).toBeLessThanOrEqual(Number(certificate.amount));
      expect(certificate.from_email).toBe(order.billing_address.email);
      expect(certificate.customer_id).toBe(order.customer_id);
      expect(certificate.currency_code).toBe(order.currency_code);
      expect(Number(certificate.purchase_date)).toBe(Date.parse(order.date_created) / 1000);
      expect(certificate.expiry_date).toMatch(/^(0|\d{10})$/);
    }
    expect(new Set(certificates.map((c) => c.status)).has('active')).toBe(true);
  });

  test('min_id/max_id, order_id and code filters, sort=id with direction; 204 past the end', async () => {
    const certificates = await allV2(sandbox, '/v2/gift_certificates');
    const [, second, third] = certificates;
    expect((await allV2(sandbox, `/v2/gift_certificates?min_id=${second.id}&max_id=${third.id}`)).map((c) => c.id)).toEqual([
      second.id,
      third.id,
    ]);
    expect((await allV2(sandbox, `/v2/gift_certificates?order_id=${third.order_id}`)).map((c) => c.id)).toEqual([third.id]);
    expect((await allV2(sandbox, `/v2/gift_certificates?code=${second.code}`)).map((c) => c.id)).toEqual([second.id]);
    expect((await allV2(sandbox, '/v2/gift_certificates?sort=id&direction=desc')).map((c) => c.id)).toEqual(
      certificates.map((c) => c.id).reverse(),
    );
    expect((await get(sandbox, '/v2/gift_certificates?sort=amount')).status).toBe(400);
    expect((await get(sandbox, `/v2/gift_certificates?min_id=${certificates.at(-1).id + 1}`)).status).toBe(204);
    expect((await get(sandbox, `/v2/gift_certificates/${second.id}`)).body).toEqual(second);
  });
});

describe('promotions', () => {
  test("id ascending by default, sorts the spec's fields, pages with totals, 422 for anything else", async () => {
    const promotions = await allV3(sandbox, '/v3/promotions', 6);
    expect(promotions.map((p) => p.id)).toEqual(sandbox.snapshot('promotions').map((r) => r.id));
    const first = await get(sandbox, '/v3/promotions?limit=6');
    expect(first.body.meta.pagination).toMatchObject({ total: 40, count: 6, per_page: 6, total_pages: 7 });
    const byName = await allV3(sandbox, '/v3/promotions?sort=name&direction=asc');
    expect(byName.map((p) => p.name)).toEqual(promotions.map((p) => p.name).sort());
    expect((await get(sandbox, '/v3/promotions?after=abc')).status).toBe(422);
    expect((await get(sandbox, '/v3/promotions?id:min=3')).status).toBe(422);
  });

  test('channels=… keeps the promotions of those channels and those of every channel (channels: [])', async () => {
    const promotions = await allV3(sandbox, '/v3/promotions');
    const ofChannel = (id: number) => promotions.filter((p) => p.channels.length === 0 || p.channels.some((c: any) => c.id === id));
    expect(promotions.some((p) => p.channels.length === 0)).toBe(true);
    expect(promotions.some((p) => p.channels.some((c: any) => c.id === 2))).toBe(true);
    expect((await allV3(sandbox, '/v3/promotions?channels=2')).map((p) => p.id)).toEqual(ofChannel(2).map((p) => p.id));
    expect((await get(sandbox, '/v3/promotions?channels=two')).status).toBe(422);
  });

  test('coupon promotions carry their code; the code, status and redemption_type filters find them', async () => {
    const promotions = await allV3(sandbox, '/v3/promotions');
    const coupons = promotions.filter((p) => p.redemption_type === 'COUPON');
    const single = coupons.find((p) => p.coupon_type === 'SINGLE');
    expect(single.codes).toMatchObject({ id: single.id * 2, code: expect.stringMatching(/^SAVE\d+/) });
    expect((await allV3(sandbox, `/v3/promotions?code=${single.codes.code}`)).map((p) => p.id)).toEqual([single.id]);
    expect((await allV3(sandbox, '/v3/promotions?redemption_type=coupon')).map((p) => p.id)).toEqual(coupons.map((p) => p.id));
    expect((await allV3(sandbox, '/v3/promotions?status=DISABLED')).every((p) => p.status === 'DISABLED')).toBe(true);
    for (const p of promotions.filter((x) => x.redemption_type === 'AUTOMATIC')) expect(p).not.toHaveProperty('codes');
  });

  test("rules name the store's products, brands and categories", async () => {
    const products = new Set((await allV3(sandbox, '/v3/catalog/products')).map((p) => p.id));
    const promotions = await allV3(sandbox, '/v3/promotions');
    const named = JSON.stringify(promotions.map((p) => p.rules));
    const productIds = [...named.matchAll(/"(?:products|product_id)":\[?(\d+(?:,\d+)*)/g)].flatMap((m) => m[1]!.split(',').map(Number));
    expect(productIds.length).toBeGreaterThan(3);
    for (const id of productIds) expect(products).toContain(id);
    for (const m of named.matchAll(/"brands":\[(\d+)\]/g)) expect([36, 37, 38, 39, 40]).toContain(Number(m[1]));
  });
});
