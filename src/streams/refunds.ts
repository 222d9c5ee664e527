import { defineStream } from './types.js';

/**
 * v3 refunds of every order, store-wide: one record per refund (not per order). The list is ordered by refund
 * id and filtered by `created:min`/`created:max` (documented inclusive); refunds never change, so the fixed
 * `created` window is read page by page and the bookmark moves when the window completes. The spec accepts
 * the Orders or the Transactions scope: Orders is the one a tap already has.
 */
export const refunds = defineStream({
  name: 'refunds',
  api: 'v3',
  path: '/orders/payment_actions/refunds',
  key: ['id'],
  replication: {
    method: 'INCREMENTAL',
    replicationKey: 'created',
    window: { min: 'created:min', max: 'created:max' },
    walk: { kind: 'window-pages' },
  },
  scope: { label: 'Orders', id: 'store_v2_orders_read_only' },
  description: 'refunds of orders (one row per refund, with `order_id`, refunded items and payments)',
  requestCost: '1 per 250 refunds created since the bookmark, + 1 (the end)',
});
