import { defineStream } from './types.js';

/**
 * `GET /v3/inventory/locations` (locations.v3.yml): the only id filter is a list (`location_id:in`), not a
 * range, and there is no sort: walked by page.
 */
export const locations = defineStream({
  name: 'locations',
  api: 'v3',
  path: '/inventory/locations',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Store Locations', id: 'store_locations_read_only' },
  description: 'inventory locations (stores, warehouses) with address, opening hours and special hours',
  requestCost: '1 per 250 locations, + 1 (the end)',
});
