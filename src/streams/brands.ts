import { defineStream } from './types.js';

/**
 * Brands (products name theirs by `brand_id`). The list has `id:min` but sorts only by `name`, so the walk sends
 * no sort and expects the list's default id order (unverified); resumable after the last id written. A full
 * page out of id order switches the rest of the walk to pages proven by their totals (table-walks.ts).
 */
export const brands = defineStream({
  name: 'brands',
  api: 'v3',
  path: '/catalog/brands',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'id', idMin: 'id:min' } },
  scope: { label: 'Products', id: 'store_v2_products_read_only' },
  description: 'brands (`products.brand_id` names one)',
  requestCost: '1 per 250 brands, + 1–2 (the end)',
});
