import { LOCATION_IDS, locationBody } from '../data/generate-locations.js';
import { booleanEquals, intIn, textIn } from './filters.js';
import { defineCollection, type RecordView } from './spec.js';

const flag = (field: string) => (record: RecordView) => record.body()[field] === true;

/**
 * `GET /v3/inventory/locations` (locations.v3.yml): `location_id:in` (a list, no range), `location_code:in`,
 * `is_default`, `type_id:in`, `managed_by_external_source`, `is_active`, `storefront_visibility`, `page` and
 * `limit`; id order; a 422 for any other parameter. There is no `GET` of one location.
 */
export const locations = defineCollection({
  stream: 'locations',
  resource: 'locations',
  defaultSize: LOCATION_IDS.length,
  firstId: 1,
  ids: LOCATION_IDS,
  hasDateModified: false,
  isLive: false,
  body: locationBody,
  list: {
    envelope: 'v3',
    idFilters: [],
    strict: { ignored: [] },
    filters: {
      'location_id:in': intIn((r) => r.meta.id),
      'location_code:in': textIn((r) => String(r.body().code)),
      is_default: booleanEquals((r) => r.meta.id === 1),
      'type_id:in': textIn((r) => String(r.body().type_id)),
      managed_by_external_source: booleanEquals(flag('managed_by_external_source')),
      is_active: booleanEquals(flag('enabled')),
      storefront_visibility: booleanEquals(flag('storefront_visibility')),
    },
  },
});
