import { defineStream } from './types.js';

/**
 * Category trees (one per storefront channel on multi-storefront stores). The list takes only `id:in` and
 * `channel_id:in`: walked by page numbers (a store has a handful of trees: one response), narrowed by
 * `channel_ids` server-side.
 */
export const categoryTrees = defineStream({
  name: 'category_trees',
  api: 'v3',
  path: '/catalog/trees',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Products', id: 'store_v2_products_read_only' },
  description: 'category trees with the channels each is assigned to',
  requestCost: '1 per 250 trees, + 1 (the end)',
  channels: { param: 'channel_id:in', isParamList: true },
});
