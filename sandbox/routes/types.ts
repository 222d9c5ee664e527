import type { ResolvedOptions } from '../options.js';
import type { Reply } from '../responses.js';
import type { Store } from '../store.js';

/** What a route handler receives. */
export interface RouteRequest {
  store: Store;
  options: ResolvedOptions;
  query: URLSearchParams;
  /** The path's first number (a record or parent id), when the route has one. */
  id?: number;
  /** The path's second number (a shipping address id in a quotes route). */
  subId?: number;
}

export type RouteHandler = (request: RouteRequest) => Reply;
