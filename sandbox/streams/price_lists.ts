import { priceListBody } from '../data/generate-price-lists.js';
import { textEquals, textLike } from './filters.js';
import { defineCollection } from './spec.js';

/**
 * `GET /v3/pricelists` (price_lists.v3.yml): `id:in`, `name`, `name:like`, date filters, and both paginations:
 * `page` (`meta.pagination`) or `after`/`before` (`meta.cursor_pagination` only); a 422 for any other parameter. The date_created filters are accepted without filtering
 * (the index keeps one date per price list: its last change).
 */
export const priceLists = defineCollection({
  stream: 'price_lists',
  resource: 'products',
  defaultSize: 4,
  firstId: 1,
  hasDateModified: false,
  isLive: false,
  body: priceListBody,
  list: {
    envelope: 'v3',
    idFilters: ['id:in'],
    dateFilters: [{ field: 'date_modified', min: 'date_modified:min', max: 'date_modified:max', eq: 'date_modified' }],
    hasCursor: true,
    strict: { ignored: ['date_created', 'date_created:min', 'date_created:max'] },
    filters: {
      name: textEquals((r) => String(r.body().name)),
      'name:like': textLike((r) => String(r.body().name)),
    },
  },
  hasSingle: true,
});
