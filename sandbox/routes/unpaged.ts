import type { JsonObject } from '../data/context.js';
import { json, noContent, type Reply } from '../responses.js';
import type { Envelope } from '../streams/spec.js';
import { paginationMeta } from './v3-envelope.js';

/**
 * A list the spec documents without paging (`GET /v2/shipping/zones`): every matching record in one response,
 * whatever `page` and `limit` say. v2: the bare array, 204 when nothing matches; v3: one page holding them all.
 */
export function unpaged(envelope: Envelope, all: readonly number[], query: URLSearchParams, render: (slot: number) => JsonObject): Reply {
  if (envelope === 'v2') return all.length === 0 ? noContent() : json(200, all.map(render));
  const meta = { pagination: paginationMeta(query, all.length, all.length, Math.max(1, all.length), 1, false) };
  return json(200, { data: all.map(render), meta });
}
