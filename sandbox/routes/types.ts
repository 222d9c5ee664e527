import type { ResolvedOptions } from '../options.js';
import type { Reply } from '../responses.js';
import type { Store } from '../store.js';

/** What a route handler receives. */
export interface RouteRequest {
  store: Store;
  options: ResolvedOptions;
  query: URLSearchParams;
  /** Numeric path parameter (an order id), when the route has one. */
  id?: number;
}

export type RouteHandler = (request: RouteRequest) => Reply;
