/**
 * The shape of a sandbox stream spec: what the real BigCommerce endpoint of one registered stream accepts and
 * how the sandbox generates its records, as data. `sandbox/streams/<name>.ts` holds one per stream. The route
 * path and API version come from the stream's definition in the registry (`src/streams/<name>.ts`); the spec
 * says what the real endpoint does, so the sandbox simulates the API instead of echoing what the tap expects.
 *
 * Adding a stream's sandbox: write `sandbox/streams/<name>.ts` exporting `defineCollection({...})` (a list with
 * records of its own), `definePerParent({...})` (children at a path with the parent id), `defineDerived({...})`
 * (a flat list of a parent's children) or `defineSingleton({...})` (one object: `/v2/store`), with the body generator (a `sandbox/data/generate-<name>.ts` for a
 * collection) and the list's parameters read from the official spec (`bigcommerce/reference/*.yml`); add it to
 * `SANDBOX_SPECS`. The sandbox refuses to start, and `test/sandbox/registry.test.ts` fails, until every
 * registered stream has one.
 */
import type { GenContext, JsonObject, RecordMeta } from '../data/context.js';
import type { ResolvedOptions } from '../options.js';
import type { Rng } from '../random.js';
import type { Reply } from '../responses.js';

/**
 * An OAuth resource (`orders`, `products`, `marketing`, `content`, `information`, `channel_settings`,
 * `locations`...): its read-only scope (`store_v2_orders_read_only`) or its modify scope (`store_v2_orders`)
 * grants its routes.
 */
export type Resource = string;

/**
 * Resources whose scopes have no `v2_` infix (channels.v3.yml: `store_channel_settings`; locations.v3.yml:
 * `store_locations`): the scopes BigCommerce added with the v3-only APIs.
 */
const RESOURCES_WITHOUT_V2_INFIX: ReadonlySet<Resource> = new Set(['channel_settings', 'locations']);

/** The modify scope id of a resource: `store_v2_orders`, `store_channel_settings`. */
export function modifyScopeIdOf(resource: Resource): string {
  return RESOURCES_WITHOUT_V2_INFIX.has(resource) ? `store_${resource}` : `store_v2_${resource}`;
}

/** The read-only scope id of a resource: `store_v2_orders_read_only`, `store_locations_read_only`. */
export function scopeIdOf(resource: Resource): string {
  return `${modifyScopeIdOf(resource)}_read_only`;
}

/** v2: a bare array, 204 with an empty body when a page holds nothing. v3: `{data, meta: {pagination}}`. */
export type Envelope = 'v2' | 'v3';

/**
 * Id filters an endpoint has: v2 `min_id`/`max_id` (inclusive), v3 `id:min`/`id:max` (inclusive),
 * `id:greater`/`id:less` (exclusive), `id` (exact), `id:in`/`id:not_in` (comma-separated).
 */
export type IdFilterName = 'min_id' | 'max_id' | 'id' | 'id:in' | 'id:not_in' | 'id:min' | 'id:max' | 'id:greater' | 'id:less';

/** Date filters on one of the index's dates. `min` obeys the `minInclusive` option; `max` is inclusive. */
export interface DateFilter {
  field: 'date_modified' | 'date_created';
  min?: string;
  max?: string;
  /** Exact second (or the whole day for a bare date). */
  eq?: string;
  /** The catalog quirk: a date-only `:min` gets the current time of day appended. */
  dateOnlyMinAddsTimeOfDay?: boolean;
}

/** One record as filters, sorts and hooks see it. `body()` is the full generated body (every include). */
export interface RecordView {
  readonly meta: RecordMeta;
  readonly ctx: GenContext;
  body(): JsonObject;
}

/** How a sortable field orders records: by the index (`id`, dates) or by a key drawn from the record. */
export type SortKey = 'id' | 'date_modified' | 'date_created' | ((record: RecordView) => number | string);

export interface SortParams {
  /** `sort=field:asc` (v2, customers) or `sort=field&direction=asc` (catalog). */
  style: 'colon' | 'direction';
  /** The spec's sortable fields, in its order. Without `sort` the list is id ascending. */
  fields: Readonly<Record<string, SortKey>>;
}

/** A predicate filter on a query parameter: parses the raw value once, or says what it expected. */
export type ParamFilter = (raw: string) => { ok: true; test: (record: RecordView) => boolean } | { ok: false; expected: string };

/** Query parameters that change the body (include, include_fields...), and how. */
export interface RenderHook {
  params: readonly string[];
  /** The served body from the full one. Must not mutate `body`. */
  render(body: JsonObject, query: URLSearchParams, record: RecordView, options: ResolvedOptions): JsonObject;
}

/** What a list endpoint accepts, per the official spec. */
export interface ListEndpoint {
  envelope: Envelope;
  idFilters: readonly IdFilterName[];
  dateFilters?: readonly DateFilter[];
  sort?: SortParams;
  /** v3 cursor pagination (`after`/`before`, `meta.cursor_pagination`), walking id order: customers. */
  hasCursor?: boolean;
  /**
   * v3 strictness: a parameter the endpoint doesn't know is a 422 naming it. `ignored` lists parameters the
   * real endpoint has that the sandbox accepts without filtering on them. Absent: unknown parameters are ignored
   * (v2).
   */
  strict?: { ignored: readonly string[] };
  /** Predicate filters by parameter name (`status_id`, `email:in`...). */
  filters?: Readonly<Record<string, ParamFilter>>;
  render?: RenderHook;
  /** A smaller page than `limit` for some queries: products with `include=options` serve at most 10. */
  pageCap?: (query: URLSearchParams) => number | undefined;
  /** `meta.pagination.too_many` (catalog lists carry it, customers don't). */
  hasTooManyFlag?: boolean;
  /**
   * The spec documents no paging (`GET /v2/shipping/zones` takes no `page` or `limit`): every matching record in
   * one response, whatever `page` and `limit` say.
   */
  isUnpaged?: boolean;
  /**
   * The spec gives the list no sort and no order (subscribers): records come in a stable order that is neither
   * id nor date order (scrambled by the seed), so a tap can't lean on an order the API never promised.
   */
  isUnordered?: boolean;
}

/**
 * A route beside the list, below the list path (`/{id}/products` serves `/v2/orders/{id}/products`): `{id}` is a
 * record's id and `{sub}` a second number.
 */
export interface ExtraRoute {
  path: string;
  reply(request: ExtraRouteRequest): Reply;
}

export interface ExtraRouteRequest {
  /** The record named by `{id}` (the route answers 404 itself when there is none). */
  record: RecordView;
  subId?: number;
  query: URLSearchParams;
  options: ResolvedOptions;
}

interface SpecBase {
  /** The registry stream it serves: equals the definition's `name` and the file name. */
  stream: string;
  resource: Resource;
  /** Records carry a date_modified (coupons don't): `snapshot()` reports it. */
  hasDateModified: boolean;
}

/**
 * Archived records: hidden from the list unless `param=true`, and `field: true` in their body (orders). An
 * archive that touches the record changes only its `date_modified` (written with `formatDate`), nothing else.
 */
export interface ArchiveSpec {
  param: string;
  field: string;
  formatDate(epochSeconds: number): string;
}

/** A top-level collection with its own timeline of ids and dates: orders, products, coupons, brands... */
export interface CollectionSpec extends SpecBase {
  kind: 'collection';
  defaultSize: number;
  firstId: number;
  /**
   * The ids of the first records, when other streams name them (currency 2 is EUR in every order, channel 1
   * is the default storefront): records beyond the list continue after its last id. Default: from `firstId`,
   * with occasional gaps.
   */
  ids?: readonly number[];
  /**
   * Ids follow one another with no gap (1, 2, 3...): lookup tables other streams name by id (customer groups,
   * customer attribute definitions). Other collections have occasional gaps, as deleted records leave.
   */
  hasSequentialIds?: boolean;
  /**
   * A fixed list the store can't add to (order statuses 0-14): its records have exactly these ids, the first
   * `sizes[stream]` of them (default all), and no gaps.
   */
  fixedIds?: readonly number[];
  /** Live changes (modify and create records while a sync runs) apply: incremental streams. */
  isLive: boolean;
  /** Seconds between creation and last modification, drawn per record (default: `occasionalEdits`). */
  editDelay?: (rng: Rng) => number;
  /**
   * Ids skip a few numbers now and then, as deleted records leave them (default true). False for tables other
   * streams name by fixed ids: brands 36-40 (`BRANDS`, products' `brand_id`), category tree 1.
   */
  hasIdGaps?: boolean;
  /** The full body of one record: every include present, the list's render hook strips what wasn't asked. */
  body(ctx: GenContext, meta: RecordMeta): JsonObject;
  list: ListEndpoint;
  /** `GET {path}/{id}`: v2 a bare object, v3 `{data, meta: {}}`; 404 in the version's error shape. */
  hasSingle?: boolean;
  /** The body of the count endpoint (`definition.countPath`); default `{count}`. */
  countBody?(records: readonly RecordView[]): JsonObject;
  archive?: ArchiveSpec;
  extraRoutes?: readonly ExtraRoute[];
}

/** One child record derived from its parent: dates default to the parent's. */
export interface ChildRecord {
  id: number;
  body: JsonObject;
  createdSec?: number;
  modifiedSec?: number;
}

/**
 * Children served per parent at the definition's path with the parent id (`/v3/orders/{order_id}/transactions`),
 * derived deterministically from the parent record. v2: bare arrays, 204 when none; v3: `{data, meta}`.
 */
export interface PerParentSpec extends SpecBase {
  kind: 'per-parent';
  parent: string;
  envelope: Envelope;
  /** v3 endpoints that answer 204 when the parent has none (transactions); v2 always does. */
  isEmptyNoContent?: boolean;
  /** Other spellings of the path the real API serves (`/orders/{order_id}/shippingaddresses`). */
  aliases?: readonly string[];
  children(parent: RecordView): ChildRecord[];
}

/**
 * A flat list whose records come from a parent collection: `/v3/catalog/variants` is every product's variants,
 * `/v3/customers/addresses` every customer's addresses, consistent with the parents' bodies.
 */
export interface DerivedSpec extends SpecBase {
  kind: 'derived';
  parent: string;
  children(parent: RecordView): ChildRecord[];
  list: ListEndpoint;
  hasSingle?: boolean;
  /**
   * The parent body's field these children are read from (`variants`), when a child can be edited on its own
   * (`SandboxHandle.editVariant`): the edit changes that element of the parent's body, and so this list, but
   * not the parent's date_modified, as BigCommerce does. `edit` returns the edited child (derived fields
   * recomputed); the parent body is the one before the edit. `readOnly` fields can't be edited.
   */
  embeddedIn?: { field: string; readOnly: readonly string[]; edit(child: JsonObject, changes: JsonObject, parent: JsonObject): JsonObject };
}

/**
 * One object at the definition's path (`GET /v2/store`): no list, no paging, never deleted. Its record's key is
 * the body's own `id` (the store hash for `/v2/store`).
 */
export interface SingletonSpec extends SpecBase {
  kind: 'singleton';
  envelope: Envelope;
  body(ctx: GenContext): JsonObject;
}

export type SandboxSpec = CollectionSpec | PerParentSpec | DerivedSpec | SingletonSpec;

/** The envelope a spec's routes answer in. */
export function envelopeOf(spec: SandboxSpec): Envelope {
  return spec.kind === 'per-parent' || spec.kind === 'singleton' ? spec.envelope : spec.list.envelope;
}

/** Identity helpers that check a spec's shape where it is written. */
export const defineCollection = (spec: Omit<CollectionSpec, 'kind'>): CollectionSpec => ({ kind: 'collection', ...spec });
export const definePerParent = (spec: Omit<PerParentSpec, 'kind'>): PerParentSpec => ({ kind: 'per-parent', ...spec });
export const defineDerived = (spec: Omit<DerivedSpec, 'kind'>): DerivedSpec => ({ kind: 'derived', ...spec });
export const defineSingleton = (spec: Omit<SingletonSpec, 'kind'>): SingletonSpec => ({ kind: 'singleton', ...spec });
