import { orderProducts as linesOf } from '../data/generate-orders.js';
import { definePerParent } from './spec.js';

/** `GET /v2/orders/{order_id}/products` (orders.v2.oas2.yml): an order's lines, a bare array, 204 when none. */
export const orderProducts = definePerParent({
  stream: 'order_products',
  resource: 'orders',
  parent: 'orders',
  hasDateModified: false,
  envelope: 'v2',
  children: (order) => linesOf(order.ctx, order.meta).map((line) => ({ id: line.id as number, body: line })),
});
