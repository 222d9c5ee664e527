import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../sandbox/index.js';
import { allV2, get } from './helpers.js';

const INCLUDE = '/v2/orders?include=consignments.line_items,fees&consignment_structure=object';
const COSTS = [
  'base_cost',
  'cost_ex_tax',
  'cost_inc_tax',
  'cost_tax',
  'base_handling_cost',
  'handling_cost_ex_tax',
  'handling_cost_inc_tax',
  'handling_cost_tax',
];

/** One clock for every store here: their data (dates included) must agree. */
const clock = { now: () => Date.UTC(2024, 5, 1, 12, 0, 0) };
let sandbox: SandboxHandle;
/** Every order with the include, and each order's own sub-resources. */
let orders: any[];
const lines = new Map<number, any[]>();
const addresses = new Map<number, any[]>();
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, quota: null, clock });
  orders = await allV2(sandbox, INCLUDE);
  for (const order of orders) {
    lines.set(order.id, await allV2(sandbox, `/v2/orders/${order.id}/products`));
    addresses.set(order.id, await allV2(sandbox, `/v2/orders/${order.id}/shipping_addresses`));
  }
});
afterAll(() => sandbox.close());

const linesIn = (c: any) =>
  [...c.pickups, ...c.shipping, ...c.downloads, ...c.email.gift_certificates].flatMap((consignment) => consignment.line_items);

describe('orders with include=consignments.line_items,fees&consignment_structure=object', () => {
  test('every order carries the object structure and every line of /products in exactly one consignment', () => {
    expect(orders).toHaveLength(400);
    for (const order of orders) {
      const c = order.consignments;
      expect(Object.keys(c).sort()).toEqual(['downloads', 'email', 'pickups', 'shipping']);
      expect(Object.keys(c.email)).toEqual(['gift_certificates']);
      const embedded = linesIn(c).sort((a: any, b: any) => a.id - b.id);
      expect(embedded, `order ${order.id}`).toEqual(lines.get(order.id));
    }
  });

  test('shipping consignments are the shipping addresses (costs as numbers) with their own lines and counts', () => {
    for (const order of orders) {
      const shipping = order.consignments.shipping;
      expect(shipping.map((s: any) => s.id)).toEqual(addresses.get(order.id)!.map((a) => a.id));
      expect(shipping).toHaveLength(order.shipping_address_count);
      for (const [j, consignment] of shipping.entries()) {
        const { order_id: orderId, shipping_quotes: _quotes, ...address } = addresses.get(order.id)![j];
        expect(orderId).toBe(order.id);
        const { line_items: own, shipping_quotes: quotes, ...fields } = consignment;
        expect(fields).toEqual({ ...address, ...Object.fromEntries(COSTS.map((k) => [k, Number(address[k])])) });
        expect(quotes.resource).toBe(`/orders/${order.id}/consignments/shipping/${consignment.id}/shipping_quotes`);
        expect(own.every((line: any) => line.order_address_id === consignment.id)).toBe(true);
        expect(own.reduce((sum: number, line: any) => sum + line.quantity, 0)).toBe(consignment.items_total);
        expect(own.reduce((sum: number, line: any) => sum + line.quantity_shipped, 0)).toBe(consignment.items_shipped);
      }
      const quantities = lines.get(order.id)!.reduce((sum, line) => sum + line.quantity, 0);
      expect(quantities).toBe(order.items_total);
    }
  });

  test('the store has every kind: several addresses, pickups, downloads, gift certificates, > 50 lines, fees', async () => {
    const kinds = (predicate: (o: any) => boolean) => orders.filter(predicate).length;
    expect(kinds((o) => o.consignments.shipping.length >= 2)).toBeGreaterThanOrEqual(5);
    expect(kinds((o) => o.consignments.pickups.length === 1)).toBeGreaterThanOrEqual(3);
    expect(kinds((o) => o.consignments.downloads.length === 1 && o.consignments.shipping.length === 1)).toBeGreaterThanOrEqual(3);
    expect(kinds((o) => o.consignments.email.gift_certificates.length > 0)).toBeGreaterThanOrEqual(3);
    expect(kinds((o) => o.fees.length > 0)).toBeGreaterThanOrEqual(10);
    const pickup = orders.find((o) => o.consignments.pickups.length === 1)!;
    expect(pickup.shipping_address_count).toBe(0);
    const [consignment] = pickup.consignments.pickups;
    expect(consignment.line_items.every((line: any) => line.order_pickup_method_id === consignment.id)).toBe(true);
    expect(consignment.location.country_alpha2).toBe('US');
    for (const gift of orders.flatMap((o) => o.consignments.email.gift_certificates)) {
      expect(gift.line_items.map((line: any) => line.type)).toEqual(['giftcertificate']);
    }
    for (const download of orders.flatMap((o) => o.consignments.downloads)) {
      expect(download.line_items.every((line: any) => line.type === 'digital')).toBe(true);
    }
    const big = orders.filter((o) => lines.get(o.id)!.length > 50);
    expect(big.length).toBeGreaterThanOrEqual(2);
    // `/products` without `limit` serves the first 50 lines only, as the spec says.
    expect((await get(sandbox, `/v2/orders/${big[0].id}/products`)).body).toHaveLength(50);
    expect(new Set(lines.get(big[0].id)!.map((l) => l.id)).size).toBe(lines.get(big[0].id)!.length);
  });

  test('fees are what /fees returns, decimal strings; GET /v2/orders/{id} takes the same include', async () => {
    const withFees = orders.filter((o) => o.fees.length > 0).slice(0, 5);
    for (const order of withFees) {
      expect((await get(sandbox, `/v2/orders/${order.id}/fees`)).body).toEqual({ fees: order.fees });
      expect(order.fees[0]).toMatchObject({ type: 'custom_fee', base_cost: expect.stringMatching(/^\d+\.\d{4}$/) });
      const single = await get(sandbox, `/v2/orders/${order.id}?include=consignments.line_items,fees&consignment_structure=object`);
      expect(single.body).toEqual(order);
    }
    expect((await get(sandbox, `/v2/orders/${orders[0].id}/fees`)).body).toEqual({ fees: orders[0].fees });
  });
});

describe('other forms of the include', () => {
  test('without consignment_structure=object: the legacy array; without include: no keys', async () => {
    const legacy = await get(sandbox, '/v2/orders?include=consignments.line_items&limit=20');
    const object = await get(sandbox, '/v2/orders?include=consignments.line_items&consignment_structure=object&limit=20');
    expect(legacy.body.map((o: any) => o.consignments)).toEqual(object.body.map((o: any) => [o.consignments]));
    expect(legacy.body[0]).not.toHaveProperty('fees');
    const plain = await get(sandbox, '/v2/orders?limit=20');
    for (const order of plain.body) {
      expect(order).not.toHaveProperty('consignments');
      expect(order).not.toHaveProperty('fees');
    }
  });

  test('include=consignments alone links the lines; the links resolve to the lines', async () => {
    const got = await get(sandbox, '/v2/orders?include=consignments&consignment_structure=object&limit=10');
    for (const order of got.body) {
      for (const link of linesIn(order.consignments)) {
        expect(Object.keys(link)).toEqual(['url', 'resource']);
        expect(link.url).toBe(`${sandbox.url}/stores/sandbox1/v2${link.resource}`);
        const id = Number(/\/products\/(\d+)$/.exec(link.resource)![1]);
        expect((await get(sandbox, `/v2${link.resource}`)).body).toEqual(lines.get(order.id)!.find((l) => l.id === id));
      }
    }
    expect((await get(sandbox, `/v2/orders/${orders[0].id}/products/1`)).status).toBe(404);
  });

  test('/orders/{id}/consignments: the object structure, lines as objects with include=consignments.line_items', async () => {
    for (const order of orders.slice(0, 30)) {
      const full = await get(sandbox, `/v2/orders/${order.id}/consignments?include=consignments.line_items`);
      expect(full.body).toEqual(order.consignments);
      const linked = await get(sandbox, `/v2/orders/${order.id}/consignments`);
      expect(linksOf(linked.body)).toEqual(linksOf(order.consignments));
    }
    const shippingId = orders.find((o) => o.consignments.shipping.length > 0)!.consignments.shipping[0];
    const quotes = await get(sandbox, `/v2${shippingId.shipping_quotes.resource}`);
    expect(quotes.status).toBe(204);
    expect((await get(sandbox, '/v2/orders/99999/consignments')).status).toBe(404);
  });
});

/** The line ids a consignments object names, per consignment (objects or links). */
function linksOf(c: any): number[][] {
  const ids = (items: any[]) => items.map((item) => item.id ?? Number(/(\d+)$/.exec(item.resource)![1]));
  return [...c.pickups, ...c.shipping, ...c.downloads, ...c.email.gift_certificates].map((x) => ids(x.line_items));
}

describe('traps', () => {
  const withTraps = async (options: SandboxOptions, query = INCLUDE) => {
    const sb = await startSandbox({ seed: 7, quota: null, clock, ...options });
    const got = await allV2(sb, query);
    await sb.close();
    // Link objects name the store's own URL: compare as if served by the shared sandbox.
    return JSON.parse(JSON.stringify(got).replaceAll(sb.url, sandbox.url)) as any[];
  };

  test('emptyLineItemsRate: that share of orders comes back with line_items: [] in every consignment', async () => {
    const got = await withTraps({ emptyLineItemsRate: 0.3 });
    const empty = got.filter((o) => linesIn(o.consignments).length === 0 && lines.get(o.id)!.length > 0);
    expect(empty.length).toBeGreaterThan(90);
    expect(empty.length).toBeLessThan(150);
    const full = got.filter((o) => !empty.includes(o));
    for (const order of full) expect(order).toEqual(orders.find((o) => o.id === order.id));
    for (const order of empty) {
      expect(order.consignments.shipping.map((s: any) => s.line_items)).toEqual(order.consignments.shipping.map(() => []));
    }
  });

  test('ignoreInclude: no consignments or fees keys at all', async () => {
    for (const order of await withTraps({ ignoreInclude: true })) {
      expect(order).not.toHaveProperty('consignments');
      expect(order).not.toHaveProperty('fees');
    }
  });

  test('productsDefaultLimit50: an order with more lines embeds only its first 50', async () => {
    const got = await withTraps({ productsDefaultLimit50: true });
    const big = got.filter((o) => lines.get(o.id)!.length > 50);
    expect(big.length).toBeGreaterThanOrEqual(2);
    for (const order of big) {
      expect(linesIn(order.consignments).map((l: any) => l.id)).toEqual(
        lines
          .get(order.id)!
          .slice(0, 50)
          .map((l) => l.id),
      );
    }
  });

  test('lineItemsAsLinks: link objects even with consignments.line_items', async () => {
    const got = await withTraps({ lineItemsAsLinks: true });
    for (const order of got) for (const item of linesIn(order.consignments)) expect(Object.keys(item)).toEqual(['url', 'resource']);
  });

  test('legacyConsignmentArray: consignment_structure=object is ignored', async () => {
    const got = await withTraps({ legacyConsignmentArray: true });
    expect(got.map((o) => o.consignments)).toEqual(orders.map((o) => [o.consignments]));
  });
});
