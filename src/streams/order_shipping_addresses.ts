import { defineStream } from './types.js';

/** order shipping addresses (one row per address, with order_id): read with the orders walk, from the same responses as `orders.shipping_addresses`. */
export const orderShippingAddresses = defineStream({
  name: 'order_shipping_addresses',
  api: 'v2',
  path: '/orders/{order_id}/shipping_addresses',
  key: ['id'],
  replication: { method: 'CHILD', parent: 'orders', yields: { kind: 'embedded', field: 'shipping_addresses' }, parentIdField: 'order_id' },
  scope: { label: 'Orders', id: 'store_v2_orders_read_only' },
  description: 'order shipping addresses (one row per address, with `order_id`)',
  requestCost: 'none beyond the orders walk (embedded)',
});
