import type { ApiPage } from '../../http/types.js';
import type { IncrementalReplication, Query, SecondPosition, StreamDefinition, WithinSecond } from '../../streams/types.js';
import { type FilterSemantics, idFilterValue } from './filter-semantics.js';

/** A keyset-walked incremental stream's replication data, or an error naming the stream. */
export function keysetOf(definition: StreamDefinition): IncrementalReplication & { walk: { kind: 'keyset' } } {
  const replication = definition.replication;
  if (replication.method !== 'INCREMENTAL' || replication.walk.kind !== 'keyset') {
    throw new Error(`stream ${definition.name} is not walked by keyset`);
  }
  return replication as IncrementalReplication & { walk: { kind: 'keyset' } };
}

/** Records with the replication key in [min, max] (no max: unbounded), ascending by it: the main walk's query. */
export function windowQuery(
  definition: StreamDefinition,
  min: string,
  max: string | null,
  limit: number,
  base: Query = definition.query,
): Query {
  const { window, walk } = keysetOf(definition);
  return { ...base, ...walk.sort, [window.min]: min, ...(max === null ? {} : { [window.max]: max }), limit };
}

/** The records of one second ([min, max] spans it), after `position`, by the stream's second key. */
export function withinSecondQuery(
  definition: StreamDefinition,
  semantics: FilterSemantics,
  min: string,
  max: string,
  position: SecondPosition | null,
  limit: number,
  listQuery: Query = definition.query,
): Query {
  const { window, walk } = keysetOf(definition);
  const base = { ...listQuery, [window.min]: min, [window.max]: max };
  const within = walk.withinSecond;
  if (within.by === 'id') {
    const id = position?.id === undefined ? undefined : idFilterValue(semantics, position.id);
    return { ...base, ...within.sort, [within.idMin]: id, limit };
  }
  // Without a cursor (the API gave none), fall back to page numbers inside the second.
  return {
    ...base,
    limit,
    after: position?.after,
    page: position?.after === undefined && position?.page !== undefined ? position.page : undefined,
  };
}

interface CursorMeta {
  meta?: { cursor_pagination?: { end_cursor?: string | null } };
}

/** The position after a within-second page, or the same position when the walk can't go further. */
export function nextPosition(within: WithinSecond, page: ApiPage, position: SecondPosition | null): SecondPosition | null {
  if (within.by === 'id') return idPosition(page.records, position);
  const cursor = (page.body as CursorMeta | null)?.meta?.cursor_pagination?.end_cursor;
  const last = page.records[page.records.length - 1];
  const id = last === undefined ? position?.id : Number(last.id);
  if (typeof cursor === 'string' && cursor !== '' && cursor !== position?.after) {
    return id === undefined ? { after: cursor } : { after: cursor, id };
  }
  if (page.records.length === 0) return position;
  // No usable cursor: walk page numbers (less safe under concurrent edits; the walk warns).
  return { page: (position?.page ?? 1) + 1, ...(id === undefined ? {} : { id }) };
}

/** Whether a record returned by a within-second query lies past `position` (not written yet). */
export function isPastPosition(within: WithinSecond, record: Record<string, unknown>, position: SecondPosition | null): boolean {
  if (within.by !== 'id') return true;
  return position?.id === undefined || Number(record.id) > position.id;
}

/** The position after an id-ordered page: the largest id seen. */
export function idPosition(records: readonly Record<string, unknown>[], position: { id?: number } | null): { id: number } | null {
  let max = position?.id ?? Number.NEGATIVE_INFINITY;
  for (const record of records) {
    const id = Number(record.id);
    if (id > max) max = id;
  }
  return Number.isFinite(max) ? { id: max } : null;
}
