import type { JsonObject } from '../data/context.js';
import { json, type Reply } from '../responses.js';
import { cursorMeta } from './v3-cursor.js';
import { paginationMeta } from './v3-envelope.js';

export interface V3PageOptions {
  /** `meta.pagination.too_many` (catalog lists). */
  hasTooManyFlag: boolean;
  /** Cursor-paginated endpoints add `meta.cursor_pagination` to page 1 (customers). */
  hasCursor: boolean;
}

/** A v3 page: `{data, meta: {pagination}}`, 200 with `data: []` past the end or when nothing matches. */
export function v3Page(
  query: URLSearchParams,
  all: readonly number[],
  page: number,
  limit: number,
  render: (slot: number) => JsonObject,
  idOf: (slot: number) => number,
  options: V3PageOptions,
): Reply {
  const start = (page - 1) * limit;
  const slots = all.slice(start, start + limit);
  const meta: JsonObject = { pagination: paginationMeta(query, all.length, slots.length, limit, page, options.hasTooManyFlag) };
  if (options.hasCursor && page === 1) meta.cursor_pagination = cursorMeta(query, slots.map(idOf), limit, false, slots.length < all.length);
  return json(200, { data: slots.map(render), meta });
}
