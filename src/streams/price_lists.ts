import { defineStream } from './types.js';

/**
 * `GET /v3/pricelists` (price_lists.v3.yml): cursor pagination (`after`, from `meta.cursor_pagination`), which
 * a deletion mid-walk can't shift. The only id filter is a list (`id:in`). The spec's scope is Products.
 */
export const priceLists = defineStream({
  name: 'price_lists',
  api: 'v3',
  path: '/pricelists',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'cursor' } },
  scope: { label: 'Products', id: 'store_v2_products_read_only' },
  description: 'price lists (names and active flags; their price records are not read)',
  requestCost: '1 per 250 price lists, + 1 (the end)',
});
