import { defineStream } from './types.js';

/**
 * v3 catalog products, incremental on date_modified. `options`/`modifiers` are not included: BigCommerce
 * caps such pages at 10 records.
 */
export const products = defineStream({
  name: 'products',
  api: 'v3',
  path: '/catalog/products',
  key: ['id'],
  replication: {
    method: 'INCREMENTAL',
    replicationKey: 'date_modified',
    window: { min: 'date_modified:min', max: 'date_modified:max' },
    walk: {
      kind: 'keyset',
      sort: { sort: 'date_modified', direction: 'asc' },
      withinSecond: { by: 'id', idMin: 'id:min', sort: { sort: 'id', direction: 'asc' } },
    },
  },
  scope: { label: 'Products', id: 'store_v2_products_read_only' },
  description: 'products with variants, images, custom fields, bulk pricing rules and videos',
  requestCost: '1 per 250 products, + a few',
  query: { include: 'variants,images,custom_fields,bulk_pricing_rules,primary_image,videos' },
  channels: { param: 'channel_id:in', isParamList: true },
  // Deleted products disappear: a scan of ids (include_fields=id, by id) finds them, `id:in` confirms.
  deletions: {
    kind: 'hard',
    scan: { walk: { by: 'id', idMin: 'id:min', sort: { sort: 'id', direction: 'asc' } }, query: { include_fields: 'id' } },
    confirm: { inParam: 'id:in', batchSize: 100 },
  },
  isCore: true,
});
