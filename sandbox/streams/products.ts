import type { JsonObject } from '../data/context.js';
import { productCore } from '../data/cores.js';
import { PRODUCT_INCLUDES, productBody } from '../data/generate-products.js';
import { booleanEquals, intEquals, textEquals, textIn } from './filters.js';
import { defineCollection, type RecordView } from './spec.js';

const core = (record: RecordView) => productCore(record.ctx.seed, record.meta.id, record.meta.version);
const field = (name: string) => (record: RecordView) => String(record.body()[name] ?? '');
const flag = (name: string) => (record: RecordView) => record.body()[name] === true;

/** With `options` or `modifiers` included the real endpoint serves at most 10 records per page. */
const OPTIONS_PAGE_CAP = 10;

function csv(value: string | null): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

/** Applies `include`, `include_fields` (id always kept) and `exclude_fields` (id never dropped). */
function renderFields(body: JsonObject, query: URLSearchParams): JsonObject {
  const include = csv(query.get('include'));
  const includeFields = csv(query.get('include_fields'));
  const excludeFields = csv(query.get('exclude_fields'));
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if ((PRODUCT_INCLUDES as readonly string[]).includes(key)) continue;
    if (key !== 'id' && includeFields.size > 0 && !includeFields.has(key)) continue;
    if (key !== 'id' && excludeFields.has(key)) continue;
    out[key] = value;
  }
  for (const key of PRODUCT_INCLUDES) if (include.has(key)) out[key] = body[key];
  return out;
}

/**
 * `GET /v3/catalog/products` (products_catalog.v3.yml): every id operator, date_modified filters (a date-only
 * `:min` gets the time of day appended), `sort=field&direction=asc`, includes and field lists, pages of 10 with
 * options or modifiers, and a 422 for any parameter the spec doesn't list.
 */
export const products = defineCollection({
  stream: 'products',
  resource: 'products',
  defaultSize: 300,
  firstId: 77,
  hasDateModified: true,
  isLive: true,
  body: productBody,
  list: {
    envelope: 'v3',
    idFilters: ['id', 'id:in', 'id:not_in', 'id:min', 'id:max', 'id:greater', 'id:less'],
    dateFilters: [
      { field: 'date_modified', min: 'date_modified:min', max: 'date_modified:max', eq: 'date_modified', dateOnlyMinAddsTimeOfDay: true },
    ],
    sort: {
      style: 'direction',
      fields: {
        id: 'id',
        name: (r) => core(r).name,
        sku: (r) => core(r).sku,
        price: (r) => core(r).price,
        date_modified: 'date_modified',
        date_last_imported: 'id', // null on every sandbox product
        inventory_level: (r) => core(r).inventoryLevel,
        is_visible: (r) => (core(r).isVisible ? 1 : 0),
        total_sold: (r) => core(r).totalSold,
        calculated_price: (r) => Number(r.body().calculated_price),
      },
    },
    strict: {
      ignored: [
        'date_last_imported',
        'date_last_imported:min',
        'date_last_imported:max',
        'date_last_imported:not',
        'price',
        'weight',
        'categories',
        'categories:in',
        'channel_id:in',
        'inventory_level:in',
        'inventory_level:not_in',
        'inventory_level:min',
        'inventory_level:max',
        'inventory_level:greater',
        'inventory_level:less',
        'inventory_low',
        'out_of_stock',
        'keyword',
        'keyword_context',
        'mpn',
        'upc',
      ],
    },
    filters: {
      name: textEquals((r) => core(r).name),
      sku: textEquals((r) => core(r).sku),
      'sku:in': textIn((r) => core(r).sku),
      type: textEquals((r) => core(r).type),
      brand_id: intEquals((r) => core(r).brandId),
      is_visible: booleanEquals((r) => core(r).isVisible),
      is_featured: booleanEquals(flag('is_featured')),
      is_free_shipping: booleanEquals(flag('is_free_shipping')),
      condition: textEquals(field('condition')),
      availability: textEquals(field('availability')),
      inventory_level: intEquals((r) => core(r).inventoryLevel),
      total_sold: intEquals((r) => core(r).totalSold),
    },
    render: { params: ['include', 'include_fields', 'exclude_fields'], render: renderFields },
    pageCap: (query) => {
      const include = csv(query.get('include'));
      return include.has('options') || include.has('modifiers') ? OPTIONS_PAGE_CAP : undefined;
    },
    hasTooManyFlag: true,
  },
  hasSingle: true,
});
