import { json, noContent, type Reply } from '../responses.js';

/** A v2 page: the bare array, or 204 with an empty body when the page holds nothing (also past the end). */
export function v2Page<T>(items: readonly T[], page: number, limit: number, render: (item: T) => unknown): Reply {
  const start = (page - 1) * limit;
  const slice = items.slice(start, start + limit);
  if (slice.length === 0) return noContent();
  return json(200, slice.map(render));
}
