import type { ApiVersion, QueryValue, ScopeInfo } from '../http/types.js';

/**
 * The shape of a stream definition: everything the engine, the catalog, the sandbox and the docs need to know
 * about one table, as data. `src/streams/<name>.ts` holds one; `schemas/<name>.json` is its schema.
 */

export type ReplicationMethod = 'INCREMENTAL' | 'FULL_TABLE';

export type Query = Record<string, QueryValue | undefined>;

/**
 * Where a walk inside one replication-key second got: always bounded (one id, one cursor), never an id list.
 * `id`: every record of that second with a smaller or equal id was written (id-ordered walks).
 * `after`: the API's opaque cursor (customers' cursor pagination), with the last id written.
 */
export interface SecondPosition {
  id?: number;
  after?: string;
  page?: number;
}

/** The names of an endpoint's date filters for the replication key, sent as ISO 8601 UTC (`2024-05-01T10:00:00Z`). */
export interface WindowFilter {
  /** Lower bound: `min_date_modified` (v2 orders), `date_modified:min` (v3). */
  min: string;
  /** Upper bound: `max_date_modified`, `date_modified:max`. */
  max: string;
}

/** How a keyset walk reads one second that holds more than a page of records, using only filters the endpoint has. */
export type WithinSecond =
  /** An id range filter (`min_id`, `id:min`) with a sort by id: inclusive or exclusive, detected from the data. */
  | { by: 'id'; idMin: string; sort: Query }
  /** The API's cursor pagination (`after`, from `meta.cursor_pagination.end_cursor`), for endpoints with no id filter. */
  | { by: 'cursor' };

export type IncrementalWalk =
  /** The list sorts by the replication key: `key >= cursor` ascending, then a second key inside a dense second. */
  | { kind: 'keyset'; sort: Query; withinSecond: WithinSecond }
  /**
   * No usable sort: the window is split on the date filters until each part fits in one page (the part's
   * `meta.pagination.total`), and parts are read in time order.
   */
  | { kind: 'split-window' }
  /** Immutable records (refunds): the fixed window is read page by page; the bookmark moves when it completes. */
  | { kind: 'window-pages' };

export interface IncrementalReplication {
  method: 'INCREMENTAL';
  /** A date-time field of every record: `date_modified`, `created`. */
  replicationKey: string;
  window: WindowFilter;
  walk: IncrementalWalk;
}

/** How a full-table walk goes through the whole table, resumably. */
export type TableWalk =
  /** By id (`min_id` on v2, `id:min` with a sort by id on v3): deletions mid-walk can't shift what is left. */
  | { by: 'id'; idMin: string; sort?: Query }
  /** Page numbers, where the endpoint has no id filter: proven complete before the table version is closed. */
  | { by: 'page' }
  /** v3 cursor pagination (`after`). */
  | { by: 'cursor' }
  /** A single object (`/v2/store`): one record. */
  | { by: 'single' };

export interface FullTableReplication {
  method: 'FULL_TABLE';
  walk: TableWalk;
}

/** One request (or a few pages) per parent record: `/v3/orders/{id}/transactions`. */
export interface PerParentChildren {
  kind: 'per-parent';
  api: ApiVersion;
  /** Path below `/stores/{hash}/{version}` for one parent. */
  path: (parent: Record<string, unknown>) => string;
  /** True when the parent itself proves it has no children: no request is made. */
  isProvablyEmpty?: (parent: Record<string, unknown>) => boolean;
}

/** Children that arrive inside the parent's record (embedded, or filled by its sub-resource requests): no request of their own. */
export interface EmbeddedChildren {
  kind: 'embedded';
  /** The parent's field holding the children: `products` for order line items. */
  field: string;
}

/** A stream replicated with its parent: it rides on the parent's walk and bookmark. */
export interface ChildReplication {
  method: 'CHILD';
  parent: string;
  yields: PerParentChildren | EmbeddedChildren;
  /** The field of every child record that holds its parent's id (`order_id`), set from the parent when absent. */
  parentIdField?: string;
}

/**
 * A stream's channel filter: a query parameter where the endpoint takes one (`channel_id:in` takes a list, v2
 * orders' `channel_id` a single id), else the record fields the tap filters on (`origin_channel_id`,
 * `channel_ids`; a record whose list field is null belongs to every channel).
 */
export interface ChannelFilter {
  param?: string;
  isParamList?: boolean;
  /** Fields holding the record's channel (a number) or channels (a list: null there means every channel). */
  recordFields?: ReadonlyArray<{ field: string; isList: boolean }>;
}

/**
 * Deletion detection for an incremental stream: a scan of every live id, compared with the ids the tap knows
 * exist; every candidate is confirmed absent before its tombstone is written.
 */
export interface DeletionDetection {
  /** `hard`: records disappear (tombstones); `archive`: records are archived, written once more with the flag set. */
  kind: 'hard' | 'archive';
  /** How the scan lists every live id: a table walk with its own (narrow) query. */
  scan: { walk: TableWalk; query: Query };
  /**
   * How candidates are confirmed: an `id:in` list filter in batches (v3), or one GET of the record's own path
   * per id (v2 orders: an archived order still answers there, with its flag set).
   */
  confirm: { inParam: string; batchSize: number } | { byRecordPath: true };
  /** Archives: the (undocumented) list filter that lists archived records, and the record's flag. */
  archive?: { param: string; value: string; field: string };
}

export type Replication = IncrementalReplication | FullTableReplication | ChildReplication;

/** A field of the record filled from per-record requests (v2 order line items, shipping addresses, coupons, fees). */
export interface SubResourceDefinition {
  /** Field of the emitted record: `products`. */
  field: string;
  /** Path below the record: `/products`. */
  pathSuffix: string;
  /** Query parameters of the request (besides paging for lists). */
  query?: Query;
  /** An object response (one request, no paging) and how it becomes the field's value; a list otherwise. */
  fromObject?: (body: Record<string, unknown>) => unknown;
  /** When the record itself proves the list empty, no request is made. */
  isProvablyEmpty?: (parent: Record<string, unknown>) => boolean;
}

/**
 * Details a list response can embed when asked (`include=…`), accepted per record only where the record proves
 * them complete; the rest come from the record's sub-resource requests.
 */
export interface EmbeddedDetails {
  /** The fields the include can fill (each also a sub-resource, the fallback). */
  fields: readonly string[];
  /** The list query asking for these fields. */
  query(fields: ReadonlySet<string>): Query;
  /** What one record embeds and proves complete, and the reason for each field it doesn't. */
  extract(
    record: Record<string, unknown>,
    fields: ReadonlySet<string>,
  ): { filled: Record<string, unknown>; missing: Record<string, string> };
  /** True when a page shows the API ignored the query (no record embeds anything asked). */
  isIgnored(records: readonly Record<string, unknown>[], fields: ReadonlySet<string>): boolean;
}

export interface StreamDefinition {
  /** Equals the file name and the schema's: `schemas/<name>.json`. */
  name: string;
  api: ApiVersion;
  /** List path below `/stores/{hash}/{version}`. */
  path: string;
  key: readonly string[];
  replication: Replication;
  scope: ScopeInfo;
  /** One line for the README's stream table. */
  description: string;
  /** Request cost for the README: `1 per 250 brands`. */
  requestCost: string;
  /** Query parameters sent on every list request (includes). */
  query: Query;
  /** The endpoint's largest page, when below the tap's `page_size` maximum of 250. */
  maxPageSize?: number;
  /** A cheap count of the records in a window (v2 `/count`), for progress lines and proofs. */
  countPath?: string;
  /** Fields of the record filled by per-record requests. */
  subResources: readonly SubResourceDefinition[];
  /** Sub-resource fields the list itself can embed, with their proofs. */
  embedded?: EmbeddedDetails;
  /** How the `channel_ids` setting narrows this stream (multi-storefront); absent: it has no channel notion. */
  channels?: ChannelFilter;
  /** How records that disappear (hard deletes) or are archived (soft deletes) are noticed, for incremental streams. */
  deletions?: DeletionDetection;
  /** Selected when no catalog says otherwise. Streams that cost a request per parent are not. */
  isSelectedByDefault: boolean;
  /**
   * One of the original four streams: a token that can't read it fails the run (exit 1). Other streams the
   * token can't read are skipped with a warning unless `strict_scopes` is set.
   */
  isCore: boolean;
}

/** What a definition file writes; the rest has defaults. */
export type StreamInput = Omit<StreamDefinition, 'query' | 'subResources' | 'isSelectedByDefault' | 'isCore'> &
  Partial<Pick<StreamDefinition, 'query' | 'subResources' | 'isSelectedByDefault' | 'isCore'>>;

/** A stream definition with defaults applied: no query, no sub-resources, selected by default, not core. */
export function defineStream(input: StreamInput): StreamDefinition {
  return { query: {}, subResources: [], isSelectedByDefault: true, isCore: false, ...input };
}

/** The replication method a catalog may ask for: children replicate with their parent (INCREMENTAL or FULL_TABLE). */
export function replicationMethodOf(definition: StreamDefinition): ReplicationMethod {
  return definition.replication.method === 'FULL_TABLE' ? 'FULL_TABLE' : 'INCREMENTAL';
}

/** The replication key of an incremental stream, or undefined. */
export function replicationKeyOf(definition: StreamDefinition): string | undefined {
  return definition.replication.method === 'INCREMENTAL' ? definition.replication.replicationKey : undefined;
}

/** The key and the replication key: never deselected. */
export function automaticFields(definition: StreamDefinition): string[] {
  const key = replicationKeyOf(definition);
  return [...definition.key, ...(key ? [key] : [])];
}

/** How a stream replicates, in words: `INCREMENTAL on date_modified`, `FULL_TABLE`, `child of orders`. */
export function describeReplication(definition: StreamDefinition): string {
  const r = definition.replication;
  if (r.method === 'INCREMENTAL') return `INCREMENTAL on ${r.replicationKey}`;
  if (r.method === 'CHILD') return `with its parent ${r.parent} (its bookmark)`;
  return 'FULL_TABLE';
}
