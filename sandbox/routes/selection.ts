/** A list request's filters, read per the endpoint's spec: id operators, date windows, predicates, archive. */
import type { ResolvedOptions } from '../options.js';
import type { Range, Selection } from '../query.js';
import type { RecordSource } from '../sources.js';
import type { ArchiveSpec, IdFilterName, ListEndpoint, RecordView } from '../streams/spec.js';
import { type ApiVersion, invalidFilter, type Parsed, readDateRange, readInt, readIntList } from './params.js';

type IdParts = Pick<Selection, 'id' | 'idIn' | 'idNotIn'>;

function intersect(a: Set<number> | undefined, b: ReadonlySet<number>): Set<number> {
  return a === undefined ? new Set(b) : new Set([...a].filter((id) => b.has(id)));
}

/** Tightens `range` with a bound: inclusive (`min_id`, `id:min`) or strict (`id:greater`). */
function bound(range: Range, side: 'min' | 'max', value: number, strict: boolean): void {
  const current = range[side];
  const tighter = current === undefined || (side === 'min' ? value >= current : value <= current);
  if (!tighter) return;
  range[side] = value;
  if (side === 'min') range.minStrict = strict;
  else range.maxStrict = strict;
}

const INT_BOUNDS: Partial<Record<IdFilterName, ['min' | 'max', boolean]>> = {
  min_id: ['min', false],
  'id:min': ['min', false],
  'id:greater': ['min', true],
  max_id: ['max', false],
  'id:max': ['max', false],
  'id:less': ['max', true],
};

function readIds(query: URLSearchParams, names: readonly IdFilterName[], version: ApiVersion): Parsed<IdParts> {
  const range: Range = {};
  let idIn: Set<number> | undefined;
  let idNotIn: Set<number> | undefined;
  for (const name of names) {
    const bounds = INT_BOUNDS[name];
    if (bounds !== undefined || name === 'id') {
      const parsed = readInt(query, name, version);
      if (!parsed.ok) return parsed;
      if (parsed.value === undefined) continue;
      if (bounds === undefined) idIn = intersect(idIn, new Set([parsed.value]));
      else bound(range, bounds[0], parsed.value, bounds[1]);
      continue;
    }
    const parsed = readIntList(query, name, version);
    if (!parsed.ok) return parsed;
    if (parsed.value === undefined) continue;
    if (name === 'id:in') idIn = intersect(idIn, parsed.value);
    else idNotIn = parsed.value;
  }
  return { ok: true, value: { id: range, idIn, idNotIn } };
}

function readPredicates(
  query: URLSearchParams,
  endpoint: ListEndpoint,
  version: ApiVersion,
): Parsed<Array<(record: RecordView) => boolean>> {
  const tests: Array<(record: RecordView) => boolean> = [];
  for (const [name, filter] of Object.entries(endpoint.filters ?? {})) {
    const raw = query.get(name);
    if (raw === null) continue;
    const parsed = filter(raw);
    if (!parsed.ok) return invalidFilter(version, name, parsed.expected);
    tests.push(parsed.test);
  }
  return { ok: true, value: tests };
}

/**
 * The records a list request asks for, or the endpoint's error reply for a value it can't read. Archived
 * records match only when the archive parameter is `true`, and then only they do.
 */
export function readSelection(
  query: URLSearchParams,
  endpoint: ListEndpoint,
  archive: ArchiveSpec | undefined,
  source: RecordSource,
  options: ResolvedOptions,
): Parsed<Selection> {
  const version = endpoint.envelope;
  const ids = readIds(query, endpoint.idFilters, version);
  if (!ids.ok) return ids;
  const selection: Selection = { ...ids.value };
  for (const filter of endpoint.dateFilters ?? []) {
    const range = readDateRange(query, filter, version, options);
    if (!range.ok) return range;
    if (filter.field === 'date_modified') selection.modified = range.value;
    else selection.created = range.value;
  }
  const predicates = readPredicates(query, endpoint, version);
  if (!predicates.ok) return predicates;
  const tests = predicates.value;
  if (tests.length > 0) {
    selection.predicate = (slot) => {
      const record = source.view(slot);
      return tests.every((test) => test(record));
    };
  }
  if (archive !== undefined) selection.archived = query.get(archive.param) === 'true';
  return { ok: true, value: selection };
}
