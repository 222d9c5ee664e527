import { isoZ } from '../format.js';
import { rngFor, streamTag } from '../random.js';
import type { GenContext, JsonObject, RecordMeta } from './context.js';
import { PICKUP_LOCATION } from './order-consignments.js';
import { settingsDates } from './settings-dates.js';
import { PLACES } from './words.js';

const LOCATIONS_TAG = streamTag('locations');
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

interface LocationCore {
  code: string;
  label: string;
  description: string;
  typeId: 'PHYSICAL' | 'VIRTUAL';
  storefrontVisibility: boolean;
  address: JsonObject;
  geo: { latitude: number; longitude: number };
}

/** Location 1, the store pickups are collected from (orders' pickup consignments name it), then a warehouse. */
const KNOWN: Readonly<Record<number, LocationCore>> = {
  1: {
    code: PICKUP_LOCATION.code,
    label: PICKUP_LOCATION.name,
    description: 'Flagship store: in-store pickup',
    typeId: 'PHYSICAL',
    storefrontVisibility: true,
    address: {
      address1: PICKUP_LOCATION.address_line_1,
      address2: PICKUP_LOCATION.address_line_2,
      city: PICKUP_LOCATION.city,
      state: PICKUP_LOCATION.state,
      zip: PICKUP_LOCATION.postal_code,
      email: PICKUP_LOCATION.email,
      phone: PICKUP_LOCATION.phone,
      country_code: PICKUP_LOCATION.country_alpha2,
    },
    geo: { latitude: 30.4409, longitude: -97.8403 },
  },
  2: {
    code: 'WAREHOUSE-1',
    label: 'Central warehouse',
    description: 'Fulfils online orders; not open to shoppers',
    typeId: 'PHYSICAL',
    storefrontVisibility: false,
    address: {
      address1: '4800 Industrial Parkway',
      address2: '',
      city: 'Chicago',
      state: 'Illinois',
      zip: '60638',
      email: 'warehouse@example.com',
      phone: '+1 312-555-0142',
      country_code: 'US',
    },
    geo: { latitude: 41.7867, longitude: -87.7523 },
  },
};
export const LOCATION_IDS = [1, 2, 3];

function locationCore(ctx: GenContext, id: number): LocationCore {
  const known = KNOWN[id];
  if (known !== undefined) return known;
  const rng = rngFor(ctx.seed, LOCATIONS_TAG, id, 0, 1);
  const place = rng.pick(PLACES);
  return {
    code: `LOCATION-${id}`,
    label: `${place.city} store`,
    description: `Store in ${place.city}`,
    typeId: 'PHYSICAL',
    storefrontVisibility: rng.chance(0.8),
    address: {
      address1: `${rng.int(1, 999)} Market Street`,
      address2: '',
      city: place.city,
      state: place.state,
      zip: place.zip,
      email: `store${id}@example.com`,
      phone: `${place.phonePrefix}-555-${rng.int(1000, 9999)}`,
      country_code: place.iso2,
    },
    geo: { latitude: rng.int(-60_000, 60_000) / 1000, longitude: rng.int(-170_000, 170_000) / 1000 },
  };
}

/**
 * A v3 inventory location (`LocationResponse`): opening hours per weekday (closed on Sundays but for stores that
 * open late), one annual special day, ISO `Z` dates.
 */
export function locationBody(ctx: GenContext, meta: RecordMeta): JsonObject {
  const core = locationCore(ctx, meta.id);
  const rng = rngFor(ctx.seed, LOCATIONS_TAG, meta.id, 0, 2);
  const dates = settingsDates(meta, rng);
  const opensSunday = rng.chance(0.4);
  const operatingHours = Object.fromEntries(
    DAYS.map((day) => {
      const open = day !== 'sunday' || opensSunday;
      return [day, { open, opening: open ? (day === 'sunday' ? '11:00' : '09:00') : '00:00', closing: open ? '18:00' : '00:00' }];
    }),
  );
  return {
    id: meta.id,
    code: core.code,
    label: core.label,
    description: core.description,
    managed_by_external_source: meta.id !== 1 && rng.chance(0.3),
    type_id: core.typeId,
    enabled: meta.id === 1 || rng.chance(0.9),
    operating_hours: operatingHours,
    time_zone: 'America/Chicago',
    created_at: isoZ(dates.createdSec),
    updated_at: isoZ(dates.modifiedSec),
    address: { ...core.address, geo_coordinates: core.geo },
    storefront_visibility: core.storefrontVisibility,
    special_hours: [
      { label: 'Thanksgiving', date: '2024-11-28', open: false, opening: '00:00', closing: '00:00', all_day: true, annual: true },
    ],
  };
}
