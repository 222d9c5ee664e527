import { orderCoupons as couponsOf } from '../data/generate-orders.js';
import { definePerParent } from './spec.js';

/** `GET /v2/orders/{order_id}/coupons` (orders.v2.oas2.yml): `type` an integer 0-5, `amount` a number or a string. */
export const orderCoupons = definePerParent({
  stream: 'order_coupons',
  resource: 'orders',
  parent: 'orders',
  hasDateModified: false,
  envelope: 'v2',
  children: (order) => couponsOf(order.ctx, order.meta).map((coupon) => ({ id: coupon.id as number, body: coupon })),
});
