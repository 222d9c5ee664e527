import { categoryTreeBody } from '../data/generate-category-trees.js';
import type { ParamFilter } from './spec.js';
import { defineCollection } from './spec.js';

/** `channel_id:in=1,2`: trees assigned to one of the channels. */
const channelIn: ParamFilter = (raw) => {
  const parts = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.some((part) => !/^\d+$/.test(part))) return { ok: false, expected: 'expected comma-separated integers' };
  const wanted = new Set(parts.map(Number));
  return { ok: true, test: (record) => (record.body().channels as number[]).some((channel) => wanted.has(channel)) };
};

/**
 * `GET /v3/catalog/trees` (category-trees_catalog.v3.yml): `id:in` and `channel_id:in` only (plus the page and
 * limit its pagination links use); a 422 for anything else. Tree n is assigned to channel n; tree 1 is the
 * default storefront's. Trees have no dates.
 */
export const categoryTrees = defineCollection({
  stream: 'category_trees',
  resource: 'products',
  defaultSize: 2,
  firstId: 1,
  hasIdGaps: false,
  hasDateModified: false,
  isLive: false,
  body: categoryTreeBody,
  list: { envelope: 'v3', idFilters: ['id:in'], strict: { ignored: [] }, filters: { 'channel_id:in': channelIn } },
});
