import { defineStream } from './types.js';

/** order line items (one row per line, with order_id): read with the orders walk, from the same responses as `orders.products`. */
export const orderProducts = defineStream({
  name: 'order_products',
  api: 'v2',
  path: '/orders/{order_id}/products',
  key: ['id'],
  replication: { method: 'CHILD', parent: 'orders', yields: { kind: 'embedded', field: 'products' }, parentIdField: 'order_id' },
  scope: { label: 'Orders', id: 'store_v2_orders_read_only' },
  description: 'order line items (one row per line, with `order_id`)',
  requestCost: 'none beyond the orders walk (embedded)',
});
