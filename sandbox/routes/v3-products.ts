import type { JsonObject } from '../data/context.js';
import { productCore } from '../data/cores.js';
import { PRODUCT_INCLUDES } from '../data/generate-products.js';
import { type Selection, type SortSpec, select } from '../query.js';
import { json, notFound, type Reply, v3Error } from '../responses.js';
import { type Parsed, readDateRange, readInt, readIntList, readPaging, rejectUnknownFilters } from './params.js';
import type { RouteHandler, RouteRequest } from './types.js';
import { paginationMeta } from './v3-envelope.js';

/** Every parameter `GET /v3/catalog/products` knows (the spec's list); anything else is a 422. */
const ALLOWED = new Set([
  'page',
  'limit',
  'include',
  'include_fields',
  'exclude_fields',
  'sort',
  'direction',
  'id',
  'id:in',
  'id:not_in',
  'id:min',
  'id:max',
  'id:greater',
  'id:less',
  'date_modified',
  'date_modified:min',
  'date_modified:max',
  'date_last_imported',
  'date_last_imported:min',
  'date_last_imported:max',
  'date_last_imported:not',
  'name',
  'sku',
  'sku:in',
  'price',
  'weight',
  'condition',
  'brand_id',
  'categories',
  'categories:in',
  'channel_id:in',
  'is_visible',
  'is_featured',
  'is_free_shipping',
  'inventory_level',
  'inventory_level:in',
  'inventory_level:not_in',
  'inventory_level:min',
  'inventory_level:max',
  'inventory_level:greater',
  'inventory_level:less',
  'inventory_low',
  'out_of_stock',
  'total_sold',
  'type',
  'keyword',
  'keyword_context',
  'availability',
  'mpn',
  'upc',
]);
const SORTS = new Set([
  'id',
  'name',
  'sku',
  'price',
  'date_modified',
  'date_last_imported',
  'inventory_level',
  'is_visible',
  'total_sold',
  'calculated_price',
]);
/** With `options` or `modifiers` included the real endpoint serves at most 10 records per page. */
const OPTIONS_PAGE_CAP = 10;

function productSelection(request: RouteRequest): Parsed<Selection> {
  const { query, options, store } = request;
  const ints: Record<string, number | undefined> = {};
  for (const name of ['id', 'id:min', 'id:max', 'id:greater', 'id:less', 'brand_id']) {
    const parsed = readInt(query, name, 'v3');
    if (!parsed.ok) return parsed;
    ints[name] = parsed.value;
  }
  const idIn = readIntList(query, 'id:in', 'v3');
  if (!idIn.ok) return idIn;
  const idNotIn = readIntList(query, 'id:not_in', 'v3');
  if (!idNotIn.ok) return idNotIn;
  const modified = readDateRange(
    query,
    { min: 'date_modified:min', max: 'date_modified:max', eq: 'date_modified', dateOnlyMinAddsTimeOfDay: true },
    'v3',
    options,
  );
  if (!modified.ok) return modified;
  const range = { min: ints['id:min'], max: ints['id:max'] } as { min?: number; max?: number; minStrict?: boolean; maxStrict?: boolean };
  const greater = ints['id:greater'];
  if (greater !== undefined && (range.min === undefined || greater >= range.min)) {
    range.min = greater;
    range.minStrict = true;
  }
  const less = ints['id:less'];
  if (less !== undefined && (range.max === undefined || less <= range.max)) {
    range.max = less;
    range.maxStrict = true;
  }
  let idSet = idIn.value;
  const exact = ints['id'];
  if (exact !== undefined) idSet = new Set(idSet === undefined || idSet.has(exact) ? [exact] : []);
  const selection: Selection = { id: range, idIn: idSet, idNotIn: idNotIn.value, modified: modified.value };
  const name = query.get('name');
  const sku = query.get('sku');
  const type = query.get('type');
  const isVisible = query.get('is_visible');
  const brandId = ints['brand_id'];
  if (name !== null || sku !== null || type !== null || isVisible !== null || brandId !== undefined) {
    const c = store.collections.products;
    selection.predicate = (slot) => {
      const core = productCore(store.ctx.seed, c.ids[slot] ?? 0, c.versions[slot] ?? 0);
      return (
        (name === null || core.name === name) &&
        (sku === null || core.sku === sku) &&
        (type === null || core.type === type) &&
        (isVisible === null || String(core.isVisible) === isVisible || (isVisible === '1') === core.isVisible) &&
        (brandId === undefined || core.brandId === brandId)
      );
    };
  }
  return { ok: true, value: selection };
}

function productSort(request: RouteRequest): Parsed<{ sort: SortSpec; descending: boolean }> {
  const { query, store } = request;
  const field = query.get('sort') ?? 'id';
  const direction = (query.get('direction') ?? 'asc').toLowerCase();
  if (!SORTS.has(field))
    return { ok: false, reply: v3Error(422, `The sort ${field} is not valid.`, { sort: `must be one of ${[...SORTS].join(', ')}` }) };
  if (direction !== 'asc' && direction !== 'desc')
    return { ok: false, reply: v3Error(422, `The direction ${direction} is not valid.`, { direction: 'must be asc or desc' }) };
  const c = store.collections.products;
  const core = (slot: number) => productCore(store.ctx.seed, c.ids[slot] ?? 0, c.versions[slot] ?? 0);
  let sort: SortSpec;
  switch (field) {
    case 'date_modified':
      sort = { by: 'modified' };
      break;
    case 'name':
      sort = { by: 'key', key: (slot) => core(slot).name };
      break;
    case 'sku':
      sort = { by: 'key', key: (slot) => core(slot).sku };
      break;
    case 'price':
      sort = { by: 'key', key: (slot) => core(slot).price };
      break;
    case 'inventory_level':
      sort = { by: 'key', key: (slot) => core(slot).inventoryLevel };
      break;
    case 'is_visible':
      sort = { by: 'key', key: (slot) => (core(slot).isVisible ? 1 : 0) };
      break;
    case 'total_sold':
      sort = { by: 'key', key: (slot) => core(slot).totalSold };
      break;
    case 'calculated_price':
      sort = { by: 'key', key: (slot) => Number(store.body('products', slot).calculated_price) };
      break;
    default:
      sort = { by: 'id' }; // id; date_last_imported is null on every sandbox product
  }
  return { ok: true, value: { sort, descending: direction === 'desc' } };
}

function csv(value: string | null): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

/** Applies `include`, `include_fields` (id always kept) and `exclude_fields` (id never dropped). */
function render(body: JsonObject, query: URLSearchParams): JsonObject {
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

export const listProducts: RouteHandler = (request): Reply => {
  const { query, store } = request;
  const unknown = rejectUnknownFilters(query, ALLOWED);
  if (unknown) return unknown;
  const paging = readPaging(query, 'v3', request.options);
  if (!paging.ok) return paging.reply;
  const selection = productSelection(request);
  if (!selection.ok) return selection.reply;
  const sort = productSort(request);
  if (!sort.ok) return sort.reply;
  const include = csv(query.get('include'));
  const limit = include.has('options') || include.has('modifiers') ? Math.min(paging.value.limit, OPTIONS_PAGE_CAP) : paging.value.limit;
  const page = paging.value.page;
  const all = select(store.collections.products, selection.value, sort.value.sort, sort.value.descending);
  const start = (page - 1) * limit;
  const slots = all.slice(start, start + limit);
  return json(200, {
    data: slots.map((slot) => render(store.body('products', slot), query)),
    meta: { pagination: paginationMeta(query, all.length, slots.length, limit, page, true) },
  });
};

export const getProduct: RouteHandler = (request) => {
  const slot = request.store.collections.products.slotOf(request.id ?? -1);
  if (slot < 0) return notFound('v3');
  return json(200, { data: render(request.store.body('products', slot), request.query), meta: {} });
};
