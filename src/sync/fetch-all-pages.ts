import { NotFoundError } from '../http/errors.js';
import type { ApiClient, ApiPage, ApiVersion } from '../http/types.js';
import type { Query } from '../streams/types.js';

/** BigCommerce's default page size: a page of exactly this many may mean the server ignored `limit`. */
const API_DEFAULT_LIMIT = 50;

export interface FetchAllOptions {
  api: ApiVersion;
  path: string;
  stream: string;
  endpoint: string;
  pageSize: number;
  /** Query parameters besides paging. */
  query?: Query;
}

/**
 * Every record of a small per-record list (`/v2/orders/{id}/products`, `/v3/orders/{id}/transactions`), page by
 * page: v2 bare arrays end on an empty page or 204 (a page of exactly 50 may mean `limit` was ignored: ask on);
 * v3 envelopes end at `meta.pagination.total_pages`. Null when the parent is gone (404: deleted meanwhile).
 */
export async function fetchAllPages(client: ApiClient, options: FetchAllOptions): Promise<Record<string, unknown>[] | null> {
  const all: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    let response: ApiPage;
    try {
      response = await client.get({
        apiVersion: options.api,
        path: options.path,
        query: { ...options.query, page, limit: options.pageSize },
        stream: options.stream,
        endpoint: options.endpoint,
      });
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
    const { records } = response;
    all.push(...records);
    if (records.length === 0) return all;
    const totalPages = (response.body as { meta?: { pagination?: { total_pages?: unknown } } } | null)?.meta?.pagination?.total_pages;
    if (typeof totalPages === 'number') {
      if (page >= totalPages) return all;
      continue;
    }
    if (records.length < options.pageSize && records.length !== API_DEFAULT_LIMIT) return all;
  }
}

/** One object response (`/v2/orders/{id}/fees`), or null when the parent is gone (404). */
export async function fetchObject(
  client: ApiClient,
  options: { api: ApiVersion; path: string; stream: string; endpoint: string; query: Query },
): Promise<Record<string, unknown> | null> {
  try {
    const response = await client.get({
      apiVersion: options.api,
      path: options.path,
      query: options.query,
      stream: options.stream,
      endpoint: options.endpoint,
    });
    const body = response.body;
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
