import type { ApiClient } from '../http/types.js';
import type { StreamDefinition } from '../streams/types.js';
import type { ServerClock } from './server-clock.js';

export interface FullTableBatch {
  records: Record<string, unknown>[];
  /** The largest id written once these records are. */
  lastId: number | null;
}

/**
 * Walks a whole table by id (`min_id`, which BigCommerce sorts by id ascending), resumable from the last id.
 * `min_id` may be inclusive or exclusive: ask from the last id and drop it until a response proves the filter
 * inclusive, then from the next id. The end is a request that brings
 * nothing new (an empty page or 204), never a short page.
 */
export async function* walkFullTable(options: {
  client: ApiClient;
  definition: StreamDefinition;
  pageSize: number;
  afterId: number | null;
  serverClock: ServerClock;
}): AsyncGenerator<FullTableBatch> {
  const { client, definition, pageSize } = options;
  let lastId = options.afterId;
  let isMinIdInclusive = false;
  for (;;) {
    const minId = lastId === null ? undefined : isMinIdInclusive ? lastId + 1 : lastId;
    const page = await client.get({
      apiVersion: definition.apiVersion,
      path: definition.path,
      query: { ...definition.baseQuery, min_id: minId, limit: pageSize },
      stream: definition.name,
    });
    options.serverClock.observe(page.serverTimeMs);
    // The last id written came back: `min_id` is inclusive; ask from the next id from now on.
    const provesInclusive = !isMinIdInclusive && lastId !== null && page.records.some((r) => Number(r.id) === lastId);
    if (provesInclusive) isMinIdInclusive = true;
    const fresh = page.records.filter((r) => lastId === null || Number(r.id) > lastId);
    if (fresh.length === 0) {
      if (provesInclusive) continue;
      return;
    }
    fresh.sort((a, b) => Number(a.id) - Number(b.id));
    lastId = Number(fresh[fresh.length - 1]!.id);
    yield { records: fresh, lastId };
  }
}
