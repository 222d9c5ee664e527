import { orderShipments } from '../data/generate-shipments.js';
import { definePerParent } from './spec.js';

/**
 * `GET /v2/orders/{order_id}/shipments` (orders.v2.oas2.yml): a bare array, 204 when nothing shipped. Only
 * orders with `items_shipped` > 0 have shipments; their items match the order's lines' `quantity_shipped`.
 */
export const shipments = definePerParent({
  stream: 'shipments',
  resource: 'orders',
  parent: 'orders',
  hasDateModified: false,
  envelope: 'v2',
  children: (order) => orderShipments(order.ctx, order.meta).map((shipment) => ({ id: shipment.id as number, body: shipment })),
});
