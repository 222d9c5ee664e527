import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { orderProducts } from '../../sandbox/data/generate-orders.js';
import { registeredStreams, type SandboxHandle, type ServedStream, startSandbox } from '../../sandbox/index.js';
import { definePerParent } from '../../sandbox/streams/spec.js';
import { defineStream, type StreamDefinition } from '../../src/streams/types.js';
import { allV2, allV3, get } from './helpers.js';

/** Test-only streams: a definition as the registry would hold it, and its sandbox spec. */
function child(name: string, api: 'v2' | 'v3', path: string): StreamDefinition {
  return defineStream({
    name,
    api,
    path,
    key: ['id'],
    replication: {
      method: 'CHILD',
      parent: 'orders',
      yields: { kind: 'per-parent', api, path: (order) => path.replace(/\{\w+\}/, String(order.id)) },
    },
    scope: { label: 'Orders', id: 'store_v2_orders_read_only' },
    description: name,
    requestCost: '',
  });
}

/** Lines per order at their own v2 path, the same objects `/v2/orders/{id}/products` serves. */
const orderLines: ServedStream = {
  definition: child('order_lines', 'v2', '/orders/{order_id}/lines'),
  spec: definePerParent({
    stream: 'order_lines',
    resource: 'orders',
    parent: 'orders',
    hasDateModified: false,
    envelope: 'v2',
    aliases: ['/orders/{order_id}/line_items'],
    children: (order) => orderProducts(order.ctx, order.meta).map((line) => ({ id: line.id as number, body: line })),
  }),
};

/** A v3 per-parent list that answers 204 for a parent without children (as transactions do). */
const orderMessages: ServedStream = {
  definition: child('order_messages', 'v3', '/orders/{order_id}/messages'),
  spec: definePerParent({
    stream: 'order_messages',
    resource: 'orders',
    parent: 'orders',
    hasDateModified: true,
    envelope: 'v3',
    isEmptyNoContent: true,
    children: (order) => {
      const message = order.body().customer_message;
      return message === '' ? [] : [{ id: order.meta.id * 10, body: { id: order.meta.id * 10, order_id: order.meta.id, message } }];
    },
  }),
};

const streams = [...registeredStreams(), orderLines, orderMessages];
let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, sizes: { orders: 40, products: 30 }, streams });
});
afterAll(() => sandbox.close());

describe('per-parent streams', () => {
  test('serve each parent its children at the path with the parent id (and its aliases), consistent with the parent', async () => {
    const orders = await allV2(sandbox, '/v2/orders');
    for (const order of orders.slice(0, 10)) {
      const products = await get(sandbox, `/v2/orders/${order.id}/products`);
      expect((await get(sandbox, `/v2/orders/${order.id}/lines`)).body).toEqual(products.body);
      expect((await get(sandbox, `/v2/orders/${order.id}/line_items`)).body).toEqual(products.body);
    }
    expect((await get(sandbox, '/v2/orders/99999/lines')).status).toBe(404);
    const lineIds = (await Promise.all(orders.map((o) => allV2(sandbox, `/v2/orders/${o.id}/lines`)))).flat().map((l) => l.id);
    expect(sandbox.snapshot('order_lines').map((r) => r.id)).toEqual([...lineIds].sort((a, b) => a - b));
  });

  test('v3 per-parent: {data, meta} with children, 204 when the parent has none', async () => {
    const orders = await allV2(sandbox, '/v2/orders');
    const withMessage = orders.find((o) => o.customer_message !== '')!;
    const without = orders.find((o) => o.customer_message === '')!;
    const got = await get(sandbox, `/v3/orders/${withMessage.id}/messages`);
    expect(got.body.data).toEqual([{ id: withMessage.id * 10, order_id: withMessage.id, message: withMessage.customer_message }]);
    expect(got.body.meta.pagination.total).toBe(1);
    const none = await get(sandbox, `/v3/orders/${without.id}/messages`);
    expect(none.status).toBe(204);
    expect(none.text).toBe('');
    expect(sandbox.snapshot('order_messages').map((r) => r.id)).toContain(withMessage.id * 10);
  });

  test('deleting a parent removes its children; deleting a child removes only it', async () => {
    const orders = await allV2(sandbox, '/v2/orders');
    const [a, b] = orders.filter((o) => o.items_total >= 1);
    const linesOfB = await allV2(sandbox, `/v2/orders/${b.id}/lines`);
    sandbox.deleteRecords('orders', [a.id]);
    expect((await get(sandbox, `/v2/orders/${a.id}/lines`)).status).toBe(404);
    sandbox.deleteRecords('order_lines', [linesOfB[0].id]);
    expect((await allV2(sandbox, `/v2/orders/${b.id}/lines`)).map((l) => l.id)).toEqual(linesOfB.slice(1).map((l) => l.id));
    expect(sandbox.snapshot('order_lines').some((r) => r.id === linesOfB[0].id)).toBe(false);
    expect(() => sandbox.deleteRecords('order_lines', [1])).toThrow('sandbox stream "order_lines" holds no record 1');
  });
});

describe('derived streams', () => {
  test('list every parent record children, id ascending, the same objects the parents embed', async () => {
    const products = await allV3(sandbox, '/v3/catalog/products?include=variants');
    const expected = products.flatMap((p) => p.variants).sort((x, y) => x.id - y.id);
    const listed = await allV3(sandbox, '/v3/catalog/variants', 7);
    expect(listed).toEqual(expected);
    const first = await get(sandbox, '/v3/catalog/variants?limit=7');
    expect(first.body.meta.pagination).toMatchObject({ total: expected.length, count: 7, per_page: 7 });
    const pivot = expected[10];
    expect((await get(sandbox, `/v3/catalog/variants?id=${pivot.id}`)).body.data).toEqual([pivot]);
    const someProducts = [products[0].id, products[3].id];
    expect(await allV3(sandbox, `/v3/catalog/variants?product_id:in=${someProducts.join(',')}`)).toEqual(
      expected.filter((v) => someProducts.includes(v.product_id)),
    );
    expect((await get(sandbox, '/v3/catalog/variants?sort=id')).status).toBe(422);
    expect((await get(sandbox, `/v3/catalog/variants?id:min=${pivot.id}`)).status).toBe(422);
    expect(sandbox.snapshot('product_variants')).toEqual(expected.map((v) => ({ id: v.id, parent_id: v.product_id })));
  });

  test('follow their parents: a deleted product takes its variants along', async () => {
    const products = await allV3(sandbox, '/v3/catalog/products?include=variants');
    const gone = products[0];
    sandbox.deleteRecords('products', [gone.id]);
    const ids = (await allV3(sandbox, '/v3/catalog/variants')).map((v) => v.id);
    for (const v of gone.variants) expect(ids).not.toContain(v.id);
    expect((await get(sandbox, `/v3/catalog/variants?id=${gone.variants[0].id}`)).body.data).toEqual([]);
    expect(ids).toContain(products[1].variants[0].id);
  });

  test('follow their parents: live edits and creations show in the next list', async () => {
    const live = await startSandbox({ seed: 6, sizes: { products: 5 }, streams, liveChanges: { everyRequests: 2, modify: 5, create: 1 } });
    const before = await allV3(live, '/v3/catalog/variants'); // list request 1
    expect(await allV3(live, '/v3/catalog/variants')).toEqual(before); // request 2: the change comes after it
    const products = await Promise.all(
      live.snapshot('products').map(async (p) => (await get(live, `/v3/catalog/products/${p.id}?include=variants`)).body.data),
    );
    const after = await allV3(live, '/v3/catalog/variants'); // request 3
    expect(after).toEqual(products.flatMap((p) => p.variants).sort((x, y) => x.id - y.id));
    expect(products).toHaveLength(6);
    expect(after).not.toEqual(before);
    await live.close();
  });
});

test('two specs serving one path are refused at start, naming both routes', async () => {
  const clash: ServedStream = { ...orderLines, definition: child('order_lines', 'v2', '/orders/{order_id}/products') };
  await expect(startSandbox({ streams: [...registeredStreams(), clash] })).rejects.toThrow(
    'two sandbox routes serve GET /v2/orders/{order_id}/products (GET /v2/orders/{order_id}/products): give each path to one spec',
  );
});
