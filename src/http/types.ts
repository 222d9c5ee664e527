import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

/**
 * The contract between the sync engine and the HTTP layer. The engine never builds URLs or parses bodies:
 * it asks for `{apiVersion, path, query}` and gets a parsed page back.
 */
export type ApiVersion = 'v2' | 'v3';

export type QueryValue = string | number | boolean;

export interface ApiRequest {
  apiVersion: ApiVersion;
  /** Path below `/stores/{hash}/{version}`, starting with `/`: `/orders`, `/orders/218/products`. */
  path: string;
  /** Query parameters, in order. Values are URL-encoded by the client (`+` becomes `%2B`). */
  query?: Record<string, QueryValue | undefined>;
  /** The stream this request serves: used in error messages (scope for 403) and metrics tags. */
  stream: string;
  /** Metric/endpoint label, e.g. `orders` or `orders.products`. Defaults to `stream`. */
  endpoint?: string;
}

export interface ApiPage {
  /**
   * The records: a v2 bare array (`[]` for `204 No Content`), a v3 envelope's `data`, or for a single
   * object response (`/v2/orders/count`, `/v2/time`) `[body]`.
   */
  records: Record<string, unknown>[];
  /** The parsed body as received (`null` for 204): v3 `meta` lives here. */
  body: unknown;
  status: number;
  /** Server time from the `Date` response header, epoch ms, when present and valid. */
  serverTimeMs?: number;
}

export interface ApiClient {
  /** GET with pacing, retries and typed errors. Resolves with the parsed page; rejects with a TapError. */
  get(request: ApiRequest): Promise<ApiPage>;
  /** Counters for the summary. */
  stats(): ApiStats;
  /** Release keep-alive sockets. */
  close(): void;
}

export interface ApiStats {
  requests: number;
  retries: number;
  rateLimited: number;
  /** Per stream name. */
  byStream: Record<string, { requests: number; retries: number; rateLimited: number }>;
}

/** Which OAuth scope a stream needs, for 403 messages and `--test`. */
export interface ScopeInfo {
  /** Human label as shown in the BigCommerce control panel: `Orders`, `Marketing`. */
  label: string;
  /** OAuth scope id: `store_v2_orders_read_only`. */
  id: string;
}

export interface ApiClientOptions {
  apiUrl: string;
  storeHash: string;
  accessToken: string;
  userAgent: string;
  requestTimeoutMs: number;
  maxRetries: number;
  maxConcurrency: number;
  clock: Clock;
  logger: Logger;
  /** Scope needed by each stream name, for 403 messages. */
  scopes: Record<string, ScopeInfo>;
  /** Random source for jitter, injectable for tests. */
  random?: () => number;
}
