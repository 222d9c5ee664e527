import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../sandbox/index.js';
import { allV2, DEC4, get, RFC2822 } from './helpers.js';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
});
afterAll(() => sandbox.close());

describe('v2 orders', () => {
  test('a page is a bare array of orders with RFC 2822 dates, decimal strings and link objects', async () => {
    const got = await get(sandbox, '/v2/orders?limit=5');
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toContain('application/json');
    expect(Array.isArray(got.body)).toBe(true);
    expect(got.body).toHaveLength(5);
    const order = got.body[0];
    expect(order.id).toBe(100);
    expect(order.date_created).toMatch(RFC2822);
    expect(order.date_modified).toMatch(RFC2822);
    expect(order.date_shipped === '' || RFC2822.test(order.date_shipped)).toBe(true);
    expect(order.subtotal_ex_tax).toMatch(DEC4);
    expect(order.currency_exchange_rate).toMatch(/^\d+\.\d{10}$/);
    expect(order.credit_card_type).toBeNull();
    expect(order.products).toEqual({ url: `${sandbox.url}/stores/sandbox1/v2/orders/100/products`, resource: '/orders/100/products' });
    expect(order.shipping_addresses.resource).toBe('/orders/100/shippingaddresses');
    expect(order.shipping_addresses.url).toBe(`${sandbox.url}/stores/sandbox1/v2/orders/100/shippingaddresses`);
    expect(new Date(order.date_created).getTime()).toBeLessThanOrEqual(new Date(order.date_modified).getTime());
    for (let i = 1; i < got.body.length; i++) expect(got.body[i].id).toBeGreaterThan(got.body[i - 1].id);
  });

  test('status labels match status ids, shipped orders have a date_shipped, digital ones no address', async () => {
    const orders = await allV2(sandbox, '/v2/orders');
    expect(orders).toHaveLength(400);
    const labels: Record<number, string> = { 0: 'Incomplete', 2: 'Shipped', 5: 'Cancelled', 10: 'Completed', 11: 'Awaiting Fulfillment' };
    for (const order of orders) {
      if (labels[order.status_id]) expect(order.status).toBe(labels[order.status_id]);
      expect(order.shipping_address_count).toBe(order.order_is_digital ? 0 : 1);
      if (order.items_shipped > 0) expect(order.date_shipped).toMatch(RFC2822);
      else expect(order.date_shipped).toBe('');
    }
    expect(orders.some((o) => o.refunded_amount === '0')).toBe(true);
    expect(orders.some((o) => o.refunded_amount === '0.0000')).toBe(true);
    expect(new Set(orders.map((o) => o.status_id)).size).toBeGreaterThan(8);
  });

  test('a page past the end is 204 with an empty body', async () => {
    const got = await get(sandbox, '/v2/orders?limit=250&page=3');
    expect(got.status).toBe(204);
    expect(got.text).toBe('');
  });

  test('single order, unknown order 404 with an array body', async () => {
    expect((await get(sandbox, '/v2/orders/101')).body.id).toBe(101);
    const missing = await get(sandbox, '/v2/orders/99999');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual([{ status: 404, message: 'The requested resource was not found.' }]);
  });

  test('count honours filters and lists statuses', async () => {
    const all = await get(sandbox, '/v2/orders/count');
    expect(all.body.count).toBe(400);
    expect(all.body.statuses).toHaveLength(15);
    expect(all.body.statuses.reduce((s: number, x: any) => s + x.count, 0)).toBe(400);
    const some = await get(sandbox, '/v2/orders/count?min_id=200&max_id=209');
    expect(some.body.count).toBe((await allV2(sandbox, '/v2/orders?min_id=200&max_id=209')).length);
  });

  test('sub-resources: products, both shipping address spellings, coupons; 204 when none', async () => {
    const orders = await allV2(sandbox, '/v2/orders');
    const physical = orders.find((o) => !o.order_is_digital)!;
    const digital = orders.find((o) => o.order_is_digital)!;
    const products = await get(sandbox, `/v2/orders/${physical.id}/products`);
    expect(products.status).toBe(200);
    expect(products.body.length).toBeGreaterThanOrEqual(1);
    expect(products.body.length).toBeLessThanOrEqual(5);
    expect(products.body.reduce((s: number, p: any) => s + p.quantity, 0)).toBe(physical.items_total);
    expect(products.body[0].order_id).toBe(physical.id);
    expect(products.body[0].base_price).toMatch(DEC4);
    const a = await get(sandbox, `/v2/orders/${physical.id}/shipping_addresses`);
    const b = await get(sandbox, `/v2/orders/${physical.id}/shippingaddresses`);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(b.body);
    expect(a.body).toHaveLength(1);
    const none = await get(sandbox, `/v2/orders/${digital.id}/shipping_addresses`);
    expect(none.status).toBe(204);
    expect(none.text).toBe('');

    let sawCoupon = false;
    let sawNoCoupon = false;
    const amountTypes = new Set<string>();
    for (const order of orders.slice(0, 80)) {
      const coupons = await get(sandbox, `/v2/orders/${order.id}/coupons`);
      if (coupons.status === 204) {
        expect(coupons.text).toBe('');
        sawNoCoupon = true;
        continue;
      }
      sawCoupon = true;
      for (const c of coupons.body) {
        expect(Number.isInteger(c.type)).toBe(true);
        expect(c.type).toBeGreaterThanOrEqual(0);
        expect(c.type).toBeLessThanOrEqual(5);
        amountTypes.add(typeof c.amount);
      }
    }
    expect(sawCoupon && sawNoCoupon).toBe(true);
    expect(amountTypes).toEqual(new Set(['string', 'number']));
  });
});

describe('v2 coupons and time', () => {
  test('coupons: id order, quirks of promotion coupons, count', async () => {
    const coupons = await allV2(sandbox, '/v2/coupons');
    expect(coupons).toHaveLength(60);
    expect(coupons.map((c) => c.id)).toEqual([...coupons.map((c) => c.id)].sort((x, y) => x - y));
    for (const c of coupons) {
      expect(c.date_created).toMatch(RFC2822);
      expect(c.amount).toMatch(DEC4);
      expect(c.expires === '' || RFC2822.test(c.expires)).toBe(true);
      expect(c).not.toHaveProperty('date_modified');
      if (c.type === 'promotion') {
        expect(c.restricted_to).toEqual([]);
        expect(c.shipping_methods).toBeNull();
      } else {
        expect(Array.isArray(c.restricted_to)).toBe(false);
      }
    }
    expect(coupons.some((c) => c.type === 'promotion')).toBe(true);
    expect(coupons.some((c) => c.restricted_to.countries)).toBe(true);
    expect((await get(sandbox, '/v2/coupons/count')).body).toEqual({ count: 60 });
    expect((await get(sandbox, '/v2/coupons?page=2&limit=250')).status).toBe(204);
  });

  test('/v2/time gives the store clock in unix seconds', async () => {
    const clocked = await startSandbox({ clock: { now: () => Date.UTC(2024, 0, 1, 12, 0, 0, 999) } });
    const got = await get(clocked, '/v2/time');
    expect(got.body).toEqual({ time: Date.UTC(2024, 0, 1, 12, 0, 0) / 1000 });
    await clocked.close();
  });

  test('unknown routes: v2 array 404, v3 object 404', async () => {
    const v2 = await get(sandbox, '/v2/nope');
    expect(v2.status).toBe(404);
    expect(Array.isArray(v2.body)).toBe(true);
    const v3 = await get(sandbox, '/v3/nope');
    expect(v3.status).toBe(404);
    expect(v3.body.status).toBe(404);
    expect(Array.isArray(v3.body)).toBe(false);
  });
});
