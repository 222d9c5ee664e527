import type { JsonObject } from '../data/context.js';
import type { ResolvedOptions } from '../options.js';
import { json, noContent, type Reply } from '../responses.js';
import type { Envelope, ExtraRoute, RecordView } from '../streams/spec.js';
import { readPaging } from './params.js';
import { v2Page } from './v2-list.js';
import { paginationMeta } from './v3-envelope.js';

/**
 * One page of an in-memory list (a record's sub-resource, a parent's children) in the envelope's shape: v2 a
 * bare array, 204 when the page is empty; v3 `{data, meta: {pagination}}`, or 204 when the list is empty and
 * the endpoint answers so (`isEmptyNoContent`: transactions).
 */
export function pageOfItems(
  items: readonly JsonObject[],
  envelope: Envelope,
  query: URLSearchParams,
  options: ResolvedOptions,
  isEmptyNoContent = false,
): Reply {
  const paging = readPaging(query, envelope, options);
  if (!paging.ok) return paging.reply;
  const { limit, page } = paging.value;
  if (envelope === 'v2') return v2Page(items, page, limit, (item) => item);
  if (items.length === 0 && isEmptyNoContent) return noContent();
  const data = items.slice((page - 1) * limit, page * limit);
  return json(200, { data, meta: { pagination: paginationMeta(query, items.length, data.length, limit, page, false) } });
}

/** An extra route serving a record's sub-resource list (`/v2/orders/{id}/products`). */
export function nestedList(envelope: Envelope, items: (record: RecordView) => readonly JsonObject[]): ExtraRoute['reply'] {
  return (request) => pageOfItems(items(request.record), envelope, request.query, request.options);
}
