import { defineStream } from './types.js';

/**
 * The categories of every tree (`/v3/catalog/trees/categories`, the successor of the deprecated
 * `/v3/catalog/categories`), keyed by `category_id` with their `tree_id`. The list has `category_id:in` and
 * `tree_id:in` but no id range and no sort: walked by page numbers, proven complete before the table version is
 * closed. Categories have no channel of their own (their tree has), so `channel_ids` does not narrow them.
 */
export const categories = defineStream({
  name: 'categories',
  api: 'v3',
  path: '/catalog/trees/categories',
  key: ['category_id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Products', id: 'store_v2_products_read_only' },
  description: "every tree's categories (multi-storefront), with `tree_id` and `parent_id`",
  requestCost: '1 per 250 categories, + 1 (the end); walked again when the table changed while read',
});
