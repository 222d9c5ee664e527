import { dec4 } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';

const SHIPPING_ZONES_TAG = streamTag('shipping_zones');

/**
 * The zones orders name: every US shipping address is in zone 1 "United States", every other in zone 2
 * "International" (`shipping_zone_id`, `shipping_zone_name`); zones 3 and 4 are switched off, so they match
 * no order.
 */
const KNOWN: Readonly<Record<number, JsonObject>> = {
  1: {
    name: 'United States',
    type: 'country',
    locations: [{ id: 1, country_iso2: 'US' }],
    free_shipping: { enabled: true, minimum_sub_total: dec4(100), exclude_fixed_shipping_products: false },
    handling_fees: { fixed_surcharge: '0', display_separately: true },
    enabled: true,
  },
  2: {
    name: 'International',
    type: 'global',
    locations: [],
    free_shipping: { enabled: false, minimum_sub_total: dec4(0), exclude_fixed_shipping_products: false },
    handling_fees: { percentage_surcharge: '5', display_separately: false },
    enabled: true,
  },
  3: {
    name: 'Texas local delivery',
    type: 'state',
    locations: [{ id: 3, country_iso2: 'US', state_iso2: 'TX' }],
    free_shipping: { enabled: true, minimum_sub_total: dec4(50), exclude_fixed_shipping_products: true },
    handling_fees: { fixed_surcharge: '2.5', display_separately: true },
    enabled: false,
  },
  4: {
    name: 'European Union',
    type: 'country',
    locations: ['DE', 'FR', 'IT'].map((country, k) => ({ id: 4 + k, country_iso2: country })),
    free_shipping: { enabled: false, minimum_sub_total: dec4(0), exclude_fixed_shipping_products: false },
    handling_fees: { fixed_surcharge: '0', display_separately: false },
    enabled: false,
  },
};
export const SHIPPING_ZONE_IDS = Object.keys(KNOWN).map(Number);

/** A v2 shipping zone (`ShippingZone`): decimal amounts as strings; later zones are switched-off ZIP zones. */
export function shippingZoneBody(ctx: GenContext, meta: RecordMeta): JsonObject {
  const known = KNOWN[meta.id];
  if (known !== undefined) return { id: meta.id, ...known };
  const rng = rngFor(ctx.seed, SHIPPING_ZONES_TAG, meta.id, 0, 1);
  return {
    id: meta.id,
    name: `ZIP zone ${meta.id}`,
    type: 'zip',
    locations: [{ id: meta.id * 10, zip: String(rng.int(10000, 99999)), country_iso2: 'US' }],
    free_shipping: { enabled: false, minimum_sub_total: dec4(0), exclude_fixed_shipping_products: false },
    handling_fees: { fixed_surcharge: dec4(rng.pick([0, 1.5, 3])), display_separately: rng.chance(0.5) },
    enabled: false,
  };
}
