import { defineStream } from './types.js';

/**
 * Every variant of every product, from the store-wide `/v3/catalog/variants`. BigCommerce does not move a
 * product's `date_modified` when one of its variants is edited, so the incremental `products` stream (and its
 * `variants`) misses variant price and stock edits; this full-table stream reads them all every run. The
 * endpoint has no id range filter and no sort (only `id`, `sku`, `upc`, `product_id:in`): walked by page
 * numbers, proven complete before the table version is closed.
 */
export const productVariants = defineStream({
  name: 'product_variants',
  api: 'v3',
  path: '/catalog/variants',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Products', id: 'store_v2_products_read_only' },
  description: 'every variant of every product, with `product_id` (catches variant edits `products` misses)',
  requestCost: '1 per 250 variants, + 1 (the end); walked again when the table changed while read',
});
