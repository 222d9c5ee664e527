/** A list request's sort, read per the endpoint's style (`sort=field:asc` or `sort=field&direction=asc`). */
import type { SortSpec } from '../query.js';
import { hash32, PURPOSE_TAG } from '../random.js';
import { v2Error, v3Error } from '../responses.js';
import type { RecordSource } from '../sources.js';
import type { ListEndpoint, SortKey } from '../streams/spec.js';
import { type Parsed, readColonSort } from './params.js';

export interface ReadSort {
  sort: SortSpec;
  descending: boolean;
}

const ID_ASCENDING: ReadSort = { sort: { by: 'id' }, descending: false };

function toSpec(key: SortKey, source: RecordSource): SortSpec {
  if (key === 'id') return { by: 'id' };
  if (key === 'date_modified') return { by: 'modified' };
  if (key === 'date_created') return { by: 'created' };
  return { by: 'key', key: (slot) => key(source.view(slot)) };
}

function badSort(endpoint: ListEndpoint, raw: string, fields: readonly string[]): { ok: false; reply: ReturnType<typeof v2Error> } {
  if (endpoint.envelope === 'v2') return { ok: false, reply: v2Error(400, "The field 'sort' is invalid.") };
  const suffix = endpoint.sort?.style === 'colon' ? ' with :asc or :desc' : '';
  return { ok: false, reply: v3Error(422, `The sort ${raw} is not valid.`, { sort: `must be one of ${fields.join(', ')}${suffix}` }) };
}

/** A stable order that is neither id nor date order: each record's place is a hash of the seed and its id. */
function unordered(source: RecordSource): ReadSort {
  const c = source.collection;
  return {
    sort: { by: 'key', key: (slot) => hash32(source.view(slot).ctx.seed, PURPOSE_TAG.unordered, c.ids[slot] ?? 0) },
    descending: false,
  };
}

/**
 * The order a list request asks for (id ascending without `sort`, scrambled for an unordered list), or the
 * endpoint's error reply.
 */
export function readSort(query: URLSearchParams, endpoint: ListEndpoint, source: RecordSource): Parsed<ReadSort> {
  const params = endpoint.sort;
  if (params === undefined) return { ok: true, value: endpoint.isUnordered ? unordered(source) : ID_ASCENDING };
  const fields = Object.keys(params.fields);
  if (params.style === 'colon') {
    const parsed = readColonSort(query.get('sort'));
    if (parsed === null) return { ok: true, value: ID_ASCENDING };
    const key = params.fields[parsed.field];
    if (!parsed.valid || key === undefined) return badSort(endpoint, query.get('sort') ?? '', fields);
    return { ok: true, value: { sort: toSpec(key, source), descending: parsed.descending } };
  }
  const field = query.get('sort');
  const direction = (query.get('direction') ?? 'asc').toLowerCase();
  const key = field === null ? 'id' : params.fields[field];
  if (key === undefined) return badSort(endpoint, field ?? '', fields);
  if (direction !== 'asc' && direction !== 'desc') {
    return { ok: false, reply: v3Error(422, `The direction ${direction} is not valid.`, { direction: 'must be asc or desc' }) };
  }
  return { ok: true, value: { sort: toSpec(key, source), descending: direction === 'desc' } };
}
