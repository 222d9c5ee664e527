import { defineStream } from './types.js';

/**
 * `GET /v2/tax_classes` (tax_classes.v2.yml): `page` and `limit` only, sorted by id: walked by page. The spec
 * types `id` as a string (`"1"`); the schema declares an integer, as products' `tax_class_id` is.
 */
export const taxClasses = defineStream({
  name: 'tax_classes',
  api: 'v2',
  path: '/tax_classes',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Information & Settings', id: 'store_v2_information_read_only' },
  description: 'tax classes: what `tax_class_id` of products, order lines and fees names',
  requestCost: '1 per 250 tax classes, + 1 (the end)',
});
