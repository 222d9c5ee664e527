import type { ApiClient } from '../../http/types.js';
import type { Query, StreamDefinition, TableWalk } from '../../streams/types.js';
import { totalOf } from '../count-records.js';
import { type FilterSemantics, idFilterValue, learnIdFilter, UNKNOWN_SEMANTICS } from '../incremental/filter-semantics.js';
import { listGetter } from '../list-getter.js';
import type { ServerClock } from '../server-clock.js';
import { type PageWalkEvidence, proveComplete, type WalkProof } from './walk-proof.js';

export interface TableBatch {
  records: Record<string, unknown>[];
  /** By-id walks: the largest id written once these records are (resume point). */
  lastId: number | null;
  /** On the last batch: whether the walk is proven to have seen every record of the table. */
  proof?: WalkProof;
  /** On the last batch: the keys seen by a page walk, to compare with a next walk. */
  keys?: ReadonlySet<string>;
  /** On the first batch of a v3 list: `meta.pagination.total`. */
  total?: number;
  /** Records a fallback page walk saw that the by-id walk before it wrote: not written again, but known written. */
  alreadyWritten?: Record<string, unknown>[];
}

export interface TableWalkOptions {
  client: ApiClient;
  definition: StreamDefinition;
  walk: TableWalk;
  pageSize: number;
  /** By-id walks: resume after this id. */
  afterId: number | null;
  /** Page walks: the keys a previous walk of this run saw (a second walk proves completeness by equality). */
  previousKeys?: ReadonlySet<string>;
  /** The list query (the definition's, with the channel filter). */
  listQuery?: Query;
  /** Metric label (default: the stream name). */
  endpoint?: string;
  serverClock: ServerClock;
  /** Told when a by-id walk finds the list not in id order and walks the rest by page. */
  onFallback?: (reason: string) => void;
}

/** The whole table, walked the way the stream's definition says. The last batch carries the proof. */
export function walkTable(options: TableWalkOptions): AsyncGenerator<TableBatch> {
  switch (options.walk.by) {
    case 'id':
      return walkById(options, options.walk.idMin, options.walk.sort ?? {});
    case 'single':
      return walkSingle(options);
    default:
      return walkByPages(options);
  }
}

function getter(options: TableWalkOptions) {
  return listGetter({ ...options, ...(options.listQuery ? { baseQuery: options.listQuery } : {}) });
}

/**
 * By id (`min_id`, `id:min`), resumable from the last id. The id filter may be inclusive or exclusive: ask from
 * the last id and drop it until a response proves the filter inclusive, then from the next id. The end is a
 * request that brings nothing new (an empty page or 204), never a short page: a keyset walk is complete by
 * construction (a deletion can't shift what is left to read).
 */
async function* walkById(options: TableWalkOptions, idMin: string, sort: Query): AsyncGenerator<TableBatch> {
  const get = getter(options);
  let lastId = options.afterId;
  let semantics: FilterSemantics = UNKNOWN_SEMANTICS;
  let total: { total?: number } | null = null;
  for (;;) {
    const sentId = lastId === null ? undefined : idFilterValue(semantics, lastId);
    const page = await get({ ...sort, [idMin]: sentId, limit: options.pageSize });
    // The first page's total, on the first batch only.
    const first: { total?: number } = total === null ? (totalOf(page) === undefined ? {} : { total: totalOf(page)! }) : {};
    total ??= first;
    // A full page out of id order may not hold the smallest ids above the last one: jumping to its largest id
    // could skip the rest. The list's default order is not by id (brands sort only by name): walk by page.
    if (page.records.length >= options.pageSize && !isInIdOrder(page.records)) {
      options.onFallback?.(
        `the list is not in id order (ids ${page.records
          .slice(0, 3)
          .map((r) => r.id)
          .join(', ')}...); the rest of the table is walked by page and proven by its totals`,
      );
      yield* walkByPages({ ...options, walk: { by: 'page' }, listQuery: { ...options.listQuery, ...sort, [idMin]: sentId } });
      return;
    }
    if (lastId !== null && page.records.some((r) => Number(r.id) < lastId!)) {
      // Ids below the filter came back: the list ignores it (the walk would stop here, short of the table).
      const doneUpTo = lastId;
      options.onFallback?.(
        `the list ignores ${idMin} (ids below ${doneUpTo} came back); the table is walked by page and proven by its totals`,
      );
      // In id order so far (a full page out of order falls back above): every id up to doneUpTo is written.
      for await (const batch of walkByPages({ ...options, walk: { by: 'page' }, listQuery: { ...options.listQuery, ...sort } })) {
        const isNew = (r: Record<string, unknown>) => Number(r.id) > doneUpTo;
        yield { ...batch, records: batch.records.filter(isNew), alreadyWritten: batch.records.filter((r) => !isNew(r)) };
      }
      return;
    }
    const learned = learnIdFilter(semantics, page.records, semantics.isIdMinInclusive ? undefined : sentId);
    semantics = learned.semantics;
    const fresh = page.records.filter((r) => lastId === null || Number(r.id) > lastId);
    if (fresh.length === 0) {
      if (learned.shouldAskAgain) continue;
      yield { records: [], lastId, proof: { isComplete: true }, ...first };
      return;
    }
    fresh.sort((a, b) => Number(a.id) - Number(b.id));
    lastId = Number(fresh[fresh.length - 1]!.id);
    yield { records: fresh, lastId, ...first };
  }
}

function isInIdOrder(records: Record<string, unknown>[]): boolean {
  return records.every((r, i) => i === 0 || Number(r.id) > Number(records[i - 1]!.id));
}

/** A single object (`/v2/store`): one record, complete by construction. */
async function* walkSingle(options: TableWalkOptions): AsyncGenerator<TableBatch> {
  const page = await getter(options)({});
  yield { records: page.records.slice(0, 1), lastId: null, proof: { isComplete: true } };
}

interface Envelope {
  meta?: { pagination?: { total?: unknown }; cursor_pagination?: { end_cursor?: unknown } };
}

/**
 * By page number (or v3 cursor): each record once (by key) per walk. A page walk is not proof of a complete
 * table (a record deleted mid-walk shifts the pages and skips a live one), so the last batch carries what
 * the walk can prove (`walk-proof.ts`). The end is a request that brings nothing new.
 */
async function* walkByPages(options: TableWalkOptions): AsyncGenerator<TableBatch> {
  const get = getter(options);
  const { definition } = options;
  const isCursor = options.walk.by === 'cursor';
  const keyOf = (record: Record<string, unknown>) => definition.key.map((k) => String(record[k])).join('\u0000');
  const evidence: PageWalkEvidence = {
    keys: new Set(),
    totals: [],
    pagesWithRecords: 0,
    isFirstPageShort: false,
    previousKeys: options.previousKeys,
  };
  let after: string | undefined;
  for (let page = 1; ; page++) {
    const response = await get(isCursor ? { limit: options.pageSize, after } : { limit: options.pageSize, page });
    const meta = (response.body as Envelope | null)?.meta;
    if (typeof meta?.pagination?.total === 'number') evidence.totals.push(meta.pagination.total);
    const fresh = response.records.filter((r) => !evidence.keys.has(keyOf(r)));
    for (const record of fresh) evidence.keys.add(keyOf(record));
    const cursor = meta?.cursor_pagination?.end_cursor;
    const isCursorStuck = isCursor && (typeof cursor !== 'string' || cursor === '' || cursor === after);
    if (fresh.length === 0) break;
    evidence.pagesWithRecords++;
    if (page === 1) evidence.isFirstPageShort = response.records.length !== options.pageSize;
    const total = page === 1 ? totalOf(response) : undefined;
    yield { records: fresh, lastId: null, ...(total === undefined ? {} : { total }) };
    if (isCursorStuck) break;
    after = typeof cursor === 'string' ? cursor : undefined;
  }
  yield { records: [], lastId: null, proof: proveComplete(evidence, isCursor), keys: evidence.keys };
}
