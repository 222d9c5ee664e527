import type { ApiPage, ApiVersion, QueryValue, ScopeInfo } from '../http/types.js';

export const STREAM_NAMES = ['coupons', 'customers', 'orders', 'products'] as const;
export type StreamName = (typeof STREAM_NAMES)[number];

export type ReplicationMethod = 'INCREMENTAL' | 'FULL_TABLE';

export type Query = Record<string, QueryValue | undefined>;

/**
 * Where a walk inside one `date_modified` second got: always bounded (one id, one cursor), never an id list.
 * `id`: every record of that second with a smaller or equal id was written (id-ordered walks).
 * `after`: the API's opaque cursor (customers' cursor pagination), with the last id written.
 */
export interface SecondPosition {
  id?: number;
  after?: string;
  page?: number;
}

/** How an incremental stream asks for records by `date_modified` using only filters the endpoint really has. */
export interface IncrementalQueries {
  /** Records with `date_modified` in [min, max], ascending by `date_modified`, first page. */
  byModified(minFilter: string, maxFilter: string, limit: number): Query;
  /** Records of one second ([min, max] spans it) walked by a second key, after `position`. */
  withinSecond(minFilter: string, maxFilter: string, position: SecondPosition | null, limit: number): Query;
  /** The position after a within-second page, or null when the walk cannot go further (no cursor). */
  nextPosition(page: ApiPage, position: SecondPosition | null): SecondPosition | null;
  /**
   * Whether `withinSecond` filters by `position.id` (an id range filter such as `min_id`, which may be
   * inclusive or exclusive: the walker sends the last id written and, once a response proves the filter
   * inclusive, the next one).
   */
  walksById: boolean;
  /** Whether a record returned by a within-second query lies past `position` (not written yet). */
  isPastPosition(record: Record<string, unknown>, position: SecondPosition | null): boolean;
}

export interface SubResourceDefinition {
  /** Field of the emitted order that holds the array: `products`. */
  field: string;
  /** Path below the order: `/products`. */
  pathSuffix: string;
  /** When the order itself proves the list empty, no request is made. */
  isProvablyEmpty?: (parent: Record<string, unknown>) => boolean;
}

export interface StreamDefinition {
  name: StreamName;
  apiVersion: ApiVersion;
  /** List path below `/stores/{hash}/{version}`. */
  path: string;
  keyProperties: readonly string[];
  replicationMethod: ReplicationMethod;
  replicationKey?: string;
  validReplicationKeys: readonly string[];
  scope: ScopeInfo;
  /** Query parameters sent on every list request (includes). */
  baseQuery: Query;
  subResources: readonly SubResourceDefinition[];
  incremental?: IncrementalQueries;
  /** A cheap count of the records in a window, when the API offers it (v2 `/count`). */
  countPath?: string;
  /** The query for a cheap readability check (`--test`): one record. */
  probeQuery: Query;
}
