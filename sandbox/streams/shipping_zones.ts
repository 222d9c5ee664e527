import { SHIPPING_ZONE_IDS, shippingZoneBody } from '../data/generate-shipping-zones.js';
import { defineCollection } from './spec.js';

/**
 * `GET /v2/shipping/zones` (shipping.v2.yml): the spec lists no query parameter at all, so every zone comes in
 * one response whatever `page` and `limit` say (204 only when the store has none).
 */
export const shippingZones = defineCollection({
  stream: 'shipping_zones',
  resource: 'information',
  defaultSize: SHIPPING_ZONE_IDS.length,
  firstId: 1,
  ids: SHIPPING_ZONE_IDS,
  hasDateModified: false,
  isLive: false,
  body: shippingZoneBody,
  list: { envelope: 'v2', idFilters: [], isUnpaged: true },
  hasSingle: true,
});
