import { defineStream } from './types.js';

const isZero = (value: unknown) => value === 0 || value === '0';

/**
 * v2 order shipments (tracking, carrier, shipped items), one request per order with shipped items: an order's
 * `items_shipped` of 0 proves it has none, so those cost nothing. Not selected by default.
 */
export const shipments = defineStream({
  name: 'shipments',
  api: 'v2',
  path: '/orders/{order_id}/shipments',
  key: ['id'],
  replication: {
    method: 'CHILD',
    parent: 'orders',
    yields: {
      kind: 'per-parent',
      api: 'v2',
      path: (order) => `/orders/${order.id}/shipments`,
      isProvablyEmpty: (order) => isZero(order.items_shipped),
    },
    parentIdField: 'order_id',
  },
  scope: { label: 'Orders', id: 'store_v2_orders_read_only' },
  description: 'order shipments with tracking numbers and shipped items (one row per shipment, with `order_id`)',
  requestCost: '1 per order synced with `items_shipped` > 0 (not selected by default)',
  isSelectedByDefault: false,
});
