import { brandBody, brandName } from '../data/generate-brands.js';
import { fieldLists } from './field-lists.js';
import { textEquals, textLike } from './filters.js';
import { defineCollection } from './spec.js';

/**
 * `GET /v3/catalog/brands` (brands_catalog.v3.yml): every id operator, `name`, `name:like`, `page_title`, field
 * lists, `sort=name` with `direction` (id ascending without a sort; `sort=id` is a 422, as the spec lists only
 * `name`). Ids start at 36 with no gaps: products' `brand_id` names brands 36-40. Brands have no dates.
 */
export const brands = defineCollection({
  stream: 'brands',
  resource: 'products',
  defaultSize: 8,
  firstId: 36,
  hasIdGaps: false,
  hasDateModified: false,
  isLive: false,
  body: brandBody,
  list: {
    envelope: 'v3',
    idFilters: ['id', 'id:in', 'id:not_in', 'id:min', 'id:max', 'id:greater', 'id:less'],
    sort: { style: 'direction', fields: { name: (record) => brandName(record.meta.id) } },
    strict: { ignored: [] },
    filters: {
      name: textEquals((record) => brandName(record.meta.id)),
      'name:like': textLike((record) => brandName(record.meta.id)),
      page_title: textEquals((record) => String(record.body().page_title)),
    },
    render: fieldLists('id'),
    hasTooManyFlag: true,
  },
  hasSingle: true,
});
