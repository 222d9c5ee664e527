import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../sandbox/index.js';
import { allV2, allV3, get, rfcToIso } from './helpers.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const iso = (value: string) => new Date(value).toISOString().replace('.000Z', 'Z');
const cents = (value: number) => Math.round(value * 100) / 100;

let sb: SandboxHandle;
let orders: any[];
let refunds: any[];
beforeAll(async () => {
  sb = await startSandbox({ seed: 5, sizes: { orders: 150, customers: 30, products: 30, coupons: 5 }, clock: { now: () => NOW } });
  orders = await allV2(sb, '/v2/orders');
  refunds = await allV3(sb, '/v3/orders/payment_actions/refunds');
});
afterAll(() => sb.close());

const refundsOf = (orderId: number) => refunds.filter((r) => r.order_id === orderId);

describe('GET /v2/order_statuses', () => {
  test('the 15 statuses, ids 0-14, named as the orders and /v2/orders/count name them', async () => {
    const statuses = await allV2(sb, '/v2/order_statuses');
    expect(statuses.map((s) => s.id)).toEqual(Array.from({ length: 15 }, (_, id) => id));
    const counted = (await get(sb, '/v2/orders/count')).body.statuses;
    expect(statuses.map((s) => [s.id, s.name, s.system_description])).toEqual(
      counted.map((s: any) => [s.id, s.name, s.system_description]),
    );
    for (const order of orders) expect(statuses[order.status_id].name).toBe(order.status);
    expect((await get(sb, '/v2/order_statuses/11')).body).toEqual(statuses[11]);
  });

  test('a size above 15 is refused: the statuses are a fixed list', async () => {
    await expect(startSandbox({ sizes: { order_statuses: 16 } })).rejects.toThrow(
      'sandbox option sizes.order_statuses must be at most 15 (a fixed list), got 16',
    );
  });
});

describe('GET /v3/orders/payment_actions/refunds', () => {
  test('refunded orders have refunds adding up to refunded_amount, partially refunded ones one refund; others none', () => {
    const refunded = orders.filter((o) => o.status_id === 4 || o.status_id === 14);
    expect(refunded.length).toBeGreaterThan(3);
    for (const order of orders) {
      const total = cents(refundsOf(order.id).reduce((sum, r) => sum + r.total_amount, 0));
      expect(total, `order ${order.id} (${order.status})`).toBe(Number(order.refunded_amount));
      if (order.status_id === 14) expect(refundsOf(order.id)).toHaveLength(1);
    }
  });

  test('each refund is created after its order, never after the store was generated, and lists the order lines it refunds', async () => {
    for (const refund of refunds) {
      const order = orders.find((o) => o.id === refund.order_id)!;
      expect(refund.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
      expect(iso(refund.created) > rfcToIso(order.date_created), `refund ${refund.id}`).toBe(true);
      expect(Date.parse(refund.created)).toBeLessThanOrEqual(NOW);
      const lines = (await allV2(sb, `/v2/orders/${order.id}/products`)).map((l) => l.id);
      for (const item of refund.items) expect(item.item_type === 'ORDER' ? [order.id] : lines).toContain(item.item_id);
    }
  });

  test('ordered by id; created:min/max inclusive, order_id:in, id:in and transaction_id filter; anything else is a 422', async () => {
    expect(refunds.map((r) => r.id)).toEqual([...refunds.map((r) => r.id)].sort((a, b) => a - b));
    const target = refunds[Math.floor(refunds.length / 2)];
    const created = encodeURIComponent(target.created);
    const inWindow = await allV3(sb, `/v3/orders/payment_actions/refunds?created:min=${created}&created:max=${created}`);
    expect(inWindow.map((r) => r.id)).toEqual(refunds.filter((r) => r.created === target.created).map((r) => r.id));
    const ofOrder = await allV3(sb, `/v3/orders/payment_actions/refunds?order_id:in=${target.order_id}`);
    expect(ofOrder).toEqual(refundsOf(target.order_id));
    expect(await allV3(sb, `/v3/orders/payment_actions/refunds?id:in=${target.id}`)).toEqual([target]);
    const byTransaction = await allV3(sb, `/v3/orders/payment_actions/refunds?transaction_id=${target.payments[0].transaction_id}`);
    expect(byTransaction).toEqual([target]);
    expect((await get(sb, `/v3/orders/payment_actions/refunds/${target.id}`)).body.data).toEqual(target);
    const unknown = await get(sb, '/v3/orders/payment_actions/refunds?sort=id');
    expect(unknown.status).toBe(422);
    expect(unknown.body.title).toBe('The filter(s): sort are not valid filter parameter(s).');
  });

  test('live edits of orders change no refund: refunds are immutable', async () => {
    const live = await startSandbox({
      seed: 5,
      sizes: { orders: 150, customers: 30, products: 30, coupons: 5 },
      clock: { now: () => NOW },
      liveChanges: { everyRequests: 1, modify: 60, create: 0 },
    });
    try {
      const before = await allV3(live, '/v3/orders/payment_actions/refunds');
      await get(live, '/v2/orders?limit=1'); // applies the live change
      expect((await allV2(live, '/v2/orders')).filter((o) => Date.parse(o.date_modified) >= NOW - 1000).length).toBeGreaterThan(30);
      expect(await allV3(live, '/v3/orders/payment_actions/refunds')).toEqual(before);
    } finally {
      await live.close();
    }
  });
});

describe('GET /v3/orders/{order_id}/transactions', () => {
  test('paid orders: a purchase (or authorization and capture) of total_inc_tax, then one refund transaction per refund', async () => {
    let paid = 0;
    for (const order of orders) {
      const got = await get(sb, `/v3/orders/${order.id}/transactions`);
      if (['', 'pending', 'void', 'declined', 'held for review'].includes(order.payment_status)) {
        expect(got.status, `order ${order.id} (${order.status})`).toBe(204);
        continue;
      }
      paid++;
      const transactions = got.body.data;
      expect(transactions.every((t: any) => t.order_id === String(order.id))).toBe(true);
      const payment = transactions.filter((t: any) => t.event === 'purchase' || t.event === 'capture');
      expect(payment.map((t: any) => t.amount)).toEqual([Number(order.total_inc_tax)]);
      const refundTransactions = transactions.filter((t: any) => t.event === 'refund');
      expect(refundTransactions.map((t: any) => [String(t.id), t.amount, t.reference_transaction_id])).toEqual(
        refundsOf(order.id).map((r) => [r.payments[0].transaction_id, r.total_amount, payment[0].id]),
      );
    }
    expect(paid).toBeGreaterThan(50);
  });

  test('needs the Order Transactions scope; refunds are readable with the Orders scope alone', async () => {
    const narrow = await startSandbox({
      seed: 5,
      sizes: { orders: 5 },
      scopes: ['store_v2_orders_read_only', 'store_v2_information_read_only'],
    });
    try {
      const [order] = await allV2(narrow, '/v2/orders');
      const forbidden = await get(narrow, `/v3/orders/${order.id}/transactions`);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.title).toBe("You don't have a required scope to access the endpoint");
      expect((await get(narrow, '/v3/orders/payment_actions/refunds')).status).toBe(200);
    } finally {
      await narrow.close();
    }
  });
});

describe('GET /v2/orders/{order_id}/shipments', () => {
  test('only orders with items_shipped > 0 have shipments; their items add up to the lines quantity_shipped', async () => {
    let shipped = 0;
    for (const order of orders) {
      const got = await get(sb, `/v2/orders/${order.id}/shipments`);
      if (order.items_shipped === 0) {
        expect(got.status, `order ${order.id}`).toBe(204);
        continue;
      }
      shipped++;
      const lines = await allV2(sb, `/v2/orders/${order.id}/products`);
      const addresses = (await get(sb, `/v2/orders/${order.id}/shipping_addresses`)).body ?? [];
      const shippedPerLine = new Map<number, number>();
      for (const shipment of got.body) {
        expect(shipment.order_id).toBe(order.id);
        expect([0, ...addresses.map((a: any) => a.id)]).toContain(shipment.order_address_id);
        expect(rfcToIso(shipment.date_created) >= rfcToIso(order.date_created)).toBe(true);
        for (const item of shipment.items)
          shippedPerLine.set(item.order_product_id, (shippedPerLine.get(item.order_product_id) ?? 0) + item.quantity);
      }
      const expected = lines.filter((l) => l.quantity_shipped > 0).map((l) => [l.id, l.quantity_shipped]);
      expect([...shippedPerLine].sort((a, b) => a[0] - b[0])).toEqual(expected);
      expect([...shippedPerLine.values()].reduce((a, b) => a + b, 0)).toBe(order.items_shipped);
    }
    expect(shipped).toBeGreaterThan(20);
  });
});
