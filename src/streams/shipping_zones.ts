import { defineStream } from './types.js';

/**
 * `GET /v2/shipping/zones` (shipping.v2.yml): the spec documents no parameter at all (no paging: every zone in
 * one response). The page walk still sends `page` and `limit`, harmless on a v2 endpoint, and ends on the first
 * request that brings nothing new: the next page, or the same zones again.
 */
export const shippingZones = defineStream({
  name: 'shipping_zones',
  api: 'v2',
  path: '/shipping/zones',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Information & Settings', id: 'store_v2_information_read_only' },
  description: "shipping zones with their locations, free shipping and handling fees: what orders' `shipping_zone_id` names",
  requestCost: '2 (all zones in one response, then 1 that brings nothing new)',
});
