import { orderShippingAddresses as addressesOf } from '../data/generate-orders.js';
import { definePerParent } from './spec.js';

/**
 * `GET /v2/orders/{order_id}/shipping_addresses` (orders.v2.oas2.yml), also served as `shippingaddresses` (the
 * spelling of the order's link object): none for a digital order (204).
 */
export const orderShippingAddresses = definePerParent({
  stream: 'order_shipping_addresses',
  resource: 'orders',
  parent: 'orders',
  hasDateModified: false,
  envelope: 'v2',
  aliases: ['/orders/{order_id}/shippingaddresses'],
  children: (order) => addressesOf(order.ctx, order.meta).map((address) => ({ id: address.id as number, body: address })),
});
