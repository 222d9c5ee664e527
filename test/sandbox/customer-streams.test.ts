import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../sandbox/index.js';
import { allV2, allV3, get } from './helpers.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, clock: { now: () => NOW }, sizes: { customers: 60, products: 30, subscribers: 80 } });
});
afterAll(() => sandbox.close());

describe('customer groups and attribute definitions', () => {
  test('have sequential ids, so every group and attribute a customer names exists', async () => {
    const groups = await allV2(sandbox, '/v2/customer_groups');
    expect(groups.map((g) => g.id)).toEqual([1, 2, 3, 4]);
    expect(groups.map((g) => g.name)).toEqual(['Wholesale', 'VIP', 'Trade', 'Guests']);
    expect(groups.filter((g) => g.is_group_for_guests).map((g) => g.id)).toEqual([4]);
    expect((await get(sandbox, '/v2/customer_groups/count')).body).toEqual({ count: 4 });
    const attributes = await allV3(sandbox, '/v3/customers/attributes');
    expect(attributes.map((a) => [a.id, a.name, a.type])).toEqual([
      [1, 'Accepts SMS', 'string'],
      [2, 'Preferred contact', 'string'],
      [3, 'Loyalty tier', 'string'],
      [4, 'Date joined', 'date'],
      [5, 'Lifetime points', 'number'],
    ]);
    const customers = await allV3(sandbox, '/v3/customers?include=attributes');
    const groupIds = new Set(groups.map((g) => g.id));
    const attributeIds = new Set(attributes.map((a) => a.id));
    expect(customers.filter((c) => c.customer_group_id !== 0).length).toBeGreaterThan(3);
    for (const c of customers) {
      if (c.customer_group_id !== 0) expect(groupIds).toContain(c.customer_group_id);
      for (const value of c.attributes) expect(attributeIds).toContain(value.attribute_id);
    }
  });

  test("groups: the spec's filters, discount rule shapes and date form; bare arrays, 204 past the end", async () => {
    expect((await get(sandbox, '/v2/customer_groups?name=VIP')).body.map((g: any) => g.id)).toEqual([2]);
    expect((await get(sandbox, '/v2/customer_groups?name:like=ues')).body.map((g: any) => g.id)).toEqual([4]);
    expect((await get(sandbox, '/v2/customer_groups?is_group_for_guests=true')).body.map((g: any) => g.id)).toEqual([4]);
    expect((await get(sandbox, '/v2/customer_groups?is_default=maybe')).status).toBe(400);
    expect((await get(sandbox, '/v2/customer_groups?limit=2&page=3')).status).toBe(204);
    const [wholesale, vip, trade] = await allV2(sandbox, '/v2/customer_groups');
    expect(wholesale.discount_rules).toEqual([{ type: 'all', method: 'percent', amount: '10.0000' }]);
    expect(vip.discount_rules.map((r: any) => Object.keys(r).sort())).toEqual([
      ['amount', 'category_id', 'method', 'type'],
      ['amount', 'method', 'product_id', 'type'],
    ]);
    expect(trade.discount_rules).toEqual([{ type: 'price_list', price_list_id: 1 }]);
    expect(trade.category_access.type).toBe('specific');
    expect(wholesale.date_created).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const pivot = wholesale.date_modified.replace(' ', 'T');
    const since = await allV2(sandbox, `/v2/customer_groups?date_modified:min=${pivot}`);
    expect(since.every((g) => g.date_modified >= wholesale.date_modified)).toBe(true);
    expect(since.map((g) => g.id)).toContain(1);
  });

  test('attributes: name, name:like and type filters; any other parameter is a 422', async () => {
    expect((await allV3(sandbox, '/v3/customers/attributes?type=date')).map((a) => a.id)).toEqual([4]);
    expect((await allV3(sandbox, '/v3/customers/attributes?name:like=contact')).map((a) => a.id)).toEqual([2]);
    expect((await get(sandbox, '/v3/customers/attributes?id:min=2')).status).toBe(422);
  });
});

describe('customer addresses', () => {
  test("are the customers' addresses, the same objects include=addresses shows, id ascending", async () => {
    const customers = await allV3(sandbox, '/v3/customers?include=addresses');
    const expected = customers.flatMap((c) => c.addresses).sort((a, b) => a.id - b.id);
    expect(expected.length).toBeGreaterThan(customers.length / 2);
    expect(await allV3(sandbox, '/v3/customers/addresses?include=formfields', 7)).toEqual(expected);
    const withoutFields = await allV3(sandbox, '/v3/customers/addresses');
    expect(withoutFields).toEqual(expected.map(({ form_fields: _f, ...rest }) => rest));
    expect(sandbox.snapshot('customer_addresses')).toEqual(expected.map((a) => ({ id: a.id, parent_id: a.customer_id })));
  });

  test('filter by customer_id:in, id:in, company:in and name:in; refuse an id range', async () => {
    const all = await allV3(sandbox, '/v3/customers/addresses');
    const [a, b] = [all[0], all[5]];
    expect(
      (await allV3(sandbox, `/v3/customers/addresses?customer_id:in=${a.customer_id},${b.customer_id}`)).map((x) => x.customer_id),
    ).toEqual(all.filter((x) => x.customer_id === a.customer_id || x.customer_id === b.customer_id).map((x) => x.customer_id));
    expect((await allV3(sandbox, `/v3/customers/addresses?id:in=${b.id}`)).map((x) => x.id)).toEqual([b.id]);
    const named = await allV3(sandbox, `/v3/customers/addresses?name:in=${encodeURIComponent(`${a.first_name} ${a.last_name}`)}`);
    expect(named.map((x) => x.id)).toContain(a.id);
    const company = await allV3(sandbox, `/v3/customers/addresses?company:in=${encodeURIComponent(a.company)}`);
    expect(company.every((x) => x.company === a.company)).toBe(true);
    expect((await get(sandbox, '/v3/customers/addresses?id:min=5')).status).toBe(422);
  });
});

describe('wishlists', () => {
  test("belong to customers and name the store's products and their variants", async () => {
    const wishlists = await allV3(sandbox, '/v3/wishlists', 9);
    const customers = new Set((await allV3(sandbox, '/v3/customers')).map((c) => c.id));
    const products = await allV3(sandbox, '/v3/catalog/products?include=variants');
    const variantsOf = new Map(products.map((p) => [p.id, new Set(p.variants.map((v: any) => v.id))]));
    expect(wishlists.length).toBeGreaterThan(5);
    expect(wishlists.map((w) => w.id)).toEqual([...wishlists.map((w) => w.id)].sort((x, y) => x - y));
    const itemIds = wishlists.flatMap((w) => w.items.map((i: any) => i.id));
    expect(new Set(itemIds).size).toBe(itemIds.length);
    for (const w of wishlists) {
      expect(customers).toContain(w.customer_id);
      expect(w.token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
      for (const item of w.items) expect(variantsOf.get(item.product_id)).toContain(item.variant_id);
    }
    const one = wishlists[0];
    expect((await allV3(sandbox, `/v3/wishlists?customer_id=${one.customer_id}`)).every((w) => w.customer_id === one.customer_id)).toBe(
      true,
    );
    expect((await get(sandbox, `/v3/wishlists/${one.id}`)).body.data).toEqual(one);
    expect((await get(sandbox, '/v3/wishlists?sort=id')).status).toBe(422);
  });
});

describe('subscribers', () => {
  test('checkout subscribers name an order and carry its buyer; emails are unique', async () => {
    const subscribers = await allV3(sandbox, '/v3/customers/subscribers');
    expect(subscribers).toHaveLength(80);
    expect(new Set(subscribers.map((s) => s.email)).size).toBe(80);
    const fromOrders = subscribers.filter((s) => s.source === 'order');
    expect(fromOrders.length).toBeGreaterThan(10);
    for (const s of fromOrders) {
      const order = (await get(sandbox, `/v2/orders/${s.order_id}`)).body;
      expect([s.first_name, s.last_name]).toEqual([order.billing_address.first_name, order.billing_address.last_name]);
      expect(s.email.replace(/\+s\d+@/, '@')).toBe(order.billing_address.email);
    }
    for (const s of subscribers.filter((x) => x.source !== 'order')) expect(s.order_id).toBeNull();
    expect(new Set(subscribers.map((s) => s.source))).toEqual(new Set(['order', 'storefront', 'custom']));
  });

  test('filters by email, source, order_id, id and id:in; no sort', async () => {
    const [first, second] = await allV3(sandbox, '/v3/customers/subscribers?source=order');
    expect((await allV3(sandbox, `/v3/customers/subscribers?email=${encodeURIComponent(first.email)}`)).map((s) => s.id)).toEqual([
      first.id,
    ]);
    expect((await allV3(sandbox, `/v3/customers/subscribers?order_id=${first.order_id}`)).map((s) => s.id)).toContain(first.id);
    expect((await allV3(sandbox, `/v3/customers/subscribers?id=${second.id}`)).map((s) => s.id)).toEqual([second.id]);
    const both = await allV3(sandbox, `/v3/customers/subscribers?id:in=${first.id},${second.id}`);
    expect(both.map((s) => s.id).sort((a, b) => a - b)).toEqual([first.id, second.id].sort((a, b) => a - b));
    expect((await get(sandbox, '/v3/customers/subscribers?direction=asc')).status).toBe(422);
  });
});
