import { defineStream } from './types.js';

/**
 * v3 order transactions (purchases, authorizations, captures, refunds, voids), one request per order the orders
 * walk passes: nothing in a v2 order proves it has none (the API answers 204 then). Not selected by default.
 * The spec types `order_id` as a string; the schema makes it the integer of `orders.id`.
 */
export const transactions = defineStream({
  name: 'transactions',
  api: 'v3',
  path: '/orders/{order_id}/transactions',
  key: ['id'],
  replication: {
    method: 'CHILD',
    parent: 'orders',
    yields: { kind: 'per-parent', api: 'v3', path: (order) => `/orders/${order.id}/transactions` },
    parentIdField: 'order_id',
  },
  scope: { label: 'Order Transactions', id: 'store_v2_transactions_read_only' },
  description: 'payment transactions of orders (one row per transaction, with `order_id`)',
  requestCost: '1 per order synced (not selected by default)',
  isSelectedByDefault: false,
});
