import { defineStream } from './types.js';

/** coupons applied to orders (one row per order coupon, with order_id): read with the orders walk, from the same responses as `orders.coupons`. */
export const orderCoupons = defineStream({
  name: 'order_coupons',
  api: 'v2',
  path: '/orders/{order_id}/coupons',
  key: ['id'],
  replication: { method: 'CHILD', parent: 'orders', yields: { kind: 'embedded', field: 'coupons' }, parentIdField: 'order_id' },
  scope: { label: 'Orders', id: 'store_v2_orders_read_only' },
  description: 'coupons applied to orders (one row per order coupon, with `order_id`)',
  requestCost: '1 per order (the coupons request of orders, shared)',
});
