import { defineStream } from './types.js';

/**
 * Brands (products name theirs by `brand_id`). The list has `id:min` but sorts only by `name`, so the walk sends
 * no sort and relies on the list's default id order; resumable after the last id written.
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
