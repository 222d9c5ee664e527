/** v3 cursor pagination (`after`/`before`, `meta.cursor_pagination`), in id order: customers. */
import type { JsonObject } from '../data/context.js';
import { json, type Reply, v3Error } from '../responses.js';
import { queryLink } from './v3-envelope.js';

/** Cursor strings are base64 of `id:<n>`, like the spec's `aWQ6Nw==`. */
export function encodeCursor(id: number): string {
  return Buffer.from(`id:${id}`).toString('base64');
}

function decodeCursor(raw: string): number | null {
  const match = /^id:(\d+)$/.exec(Buffer.from(raw, 'base64').toString('utf8'));
  return match ? Number(match[1]) : null;
}

/** `meta.cursor_pagination` for a page holding `ids`, with links to the neighbouring pages that exist. */
export function cursorMeta(query: URLSearchParams, ids: number[], perPage: number, hasBefore: boolean, hasAfter: boolean): JsonObject {
  const links: Record<string, string> = {};
  const first = ids[0];
  const last = ids[ids.length - 1];
  const drop = ['page', 'after', 'before'];
  if (hasBefore && first !== undefined) links.previous = queryLink(query, drop, [['before', encodeCursor(first)]]);
  if (hasAfter && last !== undefined) links.next = queryLink(query, drop, [['after', encodeCursor(last)]]);
  const meta: JsonObject = { count: ids.length, per_page: perPage };
  if (first !== undefined && last !== undefined) {
    meta.start_cursor = encodeCursor(first);
    meta.end_cursor = encodeCursor(last);
  }
  meta.links = links;
  return meta;
}

/** True when the request pages by cursor: then `page` and `sort` are ignored and only cursor_pagination is returned. */
export function isCursorRequest(query: URLSearchParams): boolean {
  return query.has('after') || query.has('before');
}

/**
 * The page after (or before) the cursor's record among `all` (matching records, id ascending), or a 422 for a
 * cursor the API didn't issue.
 */
export function cursorPage(
  query: URLSearchParams,
  all: readonly number[],
  idOf: (slot: number) => number,
  limit: number,
  render: (slot: number) => JsonObject,
): Reply {
  const after = query.get('after');
  const raw = (after ?? query.get('before')) as string;
  const cursorId = decodeCursor(raw);
  if (cursorId === null) return v3Error(422, 'The cursor is not valid.', { [after !== null ? 'after' : 'before']: 'invalid cursor' });
  let from: number;
  let to: number;
  if (after !== null) {
    from = all.findIndex((slot) => idOf(slot) > cursorId);
    if (from < 0) from = all.length;
    to = Math.min(all.length, from + limit);
  } else {
    to = all.findIndex((slot) => idOf(slot) >= cursorId);
    if (to < 0) to = all.length;
    from = Math.max(0, to - limit);
  }
  const slots = all.slice(from, to);
  return json(200, {
    data: slots.map(render),
    meta: { cursor_pagination: cursorMeta(query, slots.map(idOf), limit, from > 0, to < all.length) },
  });
}
