import { floorToSecond, formatFilterInstant } from '../../dates.js';
import type { ApiClient, ApiPage } from '../../http/types.js';
import type { Logger } from '../../logger.js';
import type { IncrementalReplication, Query, StreamDefinition } from '../../streams/types.js';
import { totalOf } from '../count-records.js';
import { listGetter } from '../list-getter.js';
import type { ServerClock } from '../server-clock.js';
import { SECOND_MS, toRows } from './filter-semantics.js';
import type { WalkBatch, WalkCursor } from './keyset-steps.js';

export interface WindowWalkOptions {
  client: ApiClient;
  definition: StreamDefinition;
  pageSize: number;
  start: WalkCursor;
  endDateMs?: number;
  serverClock: ServerClock;
  logger: Logger;
}

/** Walks of one part before a page walk of a single second gives up proving itself. */
const MAX_PAGE_WALKS = 3;

function replicationOf(definition: StreamDefinition): IncrementalReplication {
  if (definition.replication.method !== 'INCREMENTAL') throw new Error(`stream ${definition.name} is not incremental`);
  return definition.replication;
}

/**
 * The window's filters for the seconds [fromMs, toMs]: padded by a second on each side while the endpoint's
 * `:min`/`:max` might be exclusive (unverified), so the records at both ends come back either way (the surplus
 * is dropped by second); exact once a record at a sent bound proves that bound inclusive.
 */
class WindowFilters {
  private isMinInclusive = false;
  private isMaxInclusive = false;

  constructor(private readonly replication: IncrementalReplication) {}

  for(fromMs: number, toMs: number): Query {
    const { min, max } = this.replication.window;
    return {
      [min]: formatFilterInstant(this.isMinInclusive ? fromMs : fromMs - SECOND_MS),
      [max]: formatFilterInstant(this.isMaxInclusive ? toMs : toMs + SECOND_MS),
    };
  }

  /** Learns from a response to `for(fromMs, toMs)`. */
  learn(records: Record<string, unknown>[], fromMs: number, toMs: number): void {
    const seconds = new Set(toRows(records, this.replication.replicationKey).map((r) => r.second));
    if (!this.isMinInclusive && seconds.has(fromMs - SECOND_MS)) this.isMinInclusive = true;
    if (!this.isMaxInclusive && seconds.has(toMs + SECOND_MS)) this.isMaxInclusive = true;
  }
}

function makeGetter(options: WindowWalkOptions) {
  return listGetter(options);
}

/** The window's upper end: server time (learned with one cheap request if no response told it yet), capped by end_date. */
async function fixUpper(options: WindowWalkOptions, get: (q: Query) => Promise<ApiPage>): Promise<number> {
  if (options.serverClock.nowMs() === null) await get({ limit: 1 });
  const now = floorToSecond(options.serverClock.nowOrLocalMs());
  return options.endDateMs === undefined ? now : Math.min(now, floorToSecond(options.endDateMs));
}

/** Records whose replication key falls in [fromMs, toMs], each once (by id), with the largest second among them. */
function keepInRange(records: Record<string, unknown>[], key: string, fromMs: number, toMs: number, seen: Set<unknown>) {
  const kept: Record<string, unknown>[] = [];
  let maxMs = Number.NEGATIVE_INFINITY;
  for (const { record, second } of toRows(records, key)) {
    if (second === null || second < fromMs || second > toMs || seen.has(record.id)) continue;
    seen.add(record.id);
    kept.push(record);
    if (second > maxMs) maxMs = second;
  }
  return { kept, maxMs };
}

/**
 * For endpoints with date filters but no sort, cursor or id range (subscribers): the fixed window is split on
 * the date filters until each part fits in one page (its `meta.pagination.total`), and parts are read in time
 * order. A part read whole in one response is a snapshot: a record modified meanwhile leaves it for a later
 * second, past the window, and is read by the next sync. After a part before the window's end, every record
 * up to its last second is written; the final bookmark is the last second written (read again next time).
 * A single second holding more than a page is read by page number, with its totals checked for steadiness.
 */
export async function* walkSplitWindow(options: WindowWalkOptions): AsyncGenerator<WalkBatch> {
  const replication = replicationOf(options.definition);
  const key = replication.replicationKey;
  const get = makeGetter(options);
  const upperMs = await fixUpper(options, get);
  const seen = new Set<unknown>();
  const filters = new WindowFilters(replication);
  const parts: Array<[number, number]> = [[floorToSecond(options.start.secondMs), upperMs]];
  let lastWrittenMs = floorToSecond(options.start.secondMs);
  while (parts.length > 0) {
    const [fromMs, toMs] = parts.shift()!;
    if (toMs < fromMs) continue;
    const query = filters.for(fromMs, toMs);
    const first = await get({ ...query, limit: options.pageSize, page: 1 });
    filters.learn(first.records, fromMs, toMs);
    // Without `meta.pagination.total`, a page short of the limit holds the whole part; a full one may not.
    const total = totalOf(first) ?? (first.records.length < options.pageSize ? first.records.length : Number.POSITIVE_INFINITY);
    let records = first.records;
    if (total > options.pageSize || first.records.length < Math.min(total, options.pageSize)) {
      if (toMs > fromMs) {
        parts.unshift(...splitPart(fromMs, toMs, total, options.pageSize, denseSeconds(first.records, key, fromMs, toMs)));
        continue;
      }
      const walked = await pageWalkOfSecond(options, get, query, first);
      if (!walked.isProven) {
        // The second kept changing while read: write what was seen, and end the walk at that second (the next
        // run reads it again) rather than move past records a shifted page may have hidden.
        options.logger.warn(
          `${options.definition.name}: a second with more than a page of records kept changing while read by page; the next run reads it again`,
        );
        const { kept } = keepInRange(walked.records, key, fromMs, toMs, seen);
        yield { records: kept, cursor: { secondMs: fromMs, position: null } };
        return;
      }
      records = walked.records;
    }
    const { kept, maxMs } = keepInRange(records, key, fromMs, toMs, seen);
    if (kept.length > 0) lastWrittenMs = Math.max(lastWrittenMs, maxMs);
    // Before the window's end no record can newly appear up to `toMs`: the next part starts after it.
    const cursorMs = toMs < upperMs ? toMs + SECOND_MS : lastWrittenMs;
    yield {
      records: kept,
      cursor: { secondMs: cursorMs, position: null },
      ...(fromMs === options.start.secondMs && Number.isFinite(total) ? { totalInWindow: total } : {}),
    };
  }
}

/**
 * Equal spans of time, about two per page the part's total needs (so most come back whole at the first try),
 * at least two, at most one per second.
 */
function splitPart(fromMs: number, toMs: number, total: number, pageSize: number, dense: number[]): Array<[number, number]> {
  const seconds = (toMs - fromMs) / SECOND_MS + 1;
  const count = Math.min(seconds, Math.max(2, Number.isFinite(total) ? Math.ceil((2 * total) / pageSize) : 2));
  const cuts = new Set<number>();
  for (let i = 1; i < count; i++) cuts.add(fromMs + Math.floor((i * seconds) / count) * SECOND_MS);
  // A second the sample shows several times (a bulk update) gets a part of its own at once.
  for (const second of dense) {
    cuts.add(second);
    if (second + SECOND_MS <= toMs) cuts.add(second + SECOND_MS);
  }
  const starts = [fromMs, ...[...cuts].filter((c) => c > fromMs && c <= toMs).sort((a, b) => a - b)];
  return starts.map((from, i): [number, number] => [from, (starts[i + 1] ?? toMs + SECOND_MS) - SECOND_MS]);
}

/** Seconds inside [fromMs, toMs] that several records of a page share. */
function denseSeconds(records: Record<string, unknown>[], key: string, fromMs: number, toMs: number): number[] {
  const counts = new Map<number, number>();
  for (const { second } of toRows(records, key)) {
    if (second !== null && second >= fromMs && second <= toMs) counts.set(second, (counts.get(second) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n > 1).map(([second]) => second);
}

/**
 * Every record of one over-full second, by page number. Records only leave a past second (a modification moves
 * them to now, a deletion removes them), never enter it, and each that leaves moves the later ones a place back:
 * a record not yet read can slip onto a page already read. So whenever a page reports a smaller total than the
 * page before (d records left meanwhile), the walk steps back ceil(d / limit) pages and reads forward again:
 * every record that stays in the second is read, however much the store churns (the total can only fall so
 * far). Records that left were read at their old version; their new one comes with a later second. Without
 * totals, the second is walked again until two walks agree; unproven after a few, the caller stops there.
 */
async function pageWalkOfSecond(options: WindowWalkOptions, get: (q: Query) => Promise<ApiPage>, filters: Query, first: ApiPage) {
  const limit = options.pageSize;
  const seen = new Map<unknown, Record<string, unknown>>();
  const add = (records: Record<string, unknown>[]) => {
    for (const r of records) seen.set(r.id, r);
  };
  add(first.records);
  let lastTotal = totalOf(first);
  if (lastTotal !== undefined) {
    let page = 1;
    for (;;) {
      page++;
      const response = await get({ ...filters, limit, page });
      add(response.records);
      const total = totalOf(response);
      if (total === undefined) break;
      if (total < lastTotal) {
        page = Math.max(0, page - Math.ceil((lastTotal - total) / limit) - 1);
        lastTotal = total;
        continue;
      }
      lastTotal = total;
      if (response.records.length === 0 || page * limit >= total) return { records: [...seen.values()], isProven: true };
    }
  }
  return walkSecondUntilStable(options, get, filters, seen);
}

/** Without totals: the second walked again, every record seen kept, until two walks see the same records. */
async function walkSecondUntilStable(
  options: WindowWalkOptions,
  get: (q: Query) => Promise<ApiPage>,
  filters: Query,
  seen: Map<unknown, Record<string, unknown>>,
) {
  let previous: Set<unknown> | null = null;
  for (let attempt = 1; attempt <= MAX_PAGE_WALKS; attempt++) {
    const ids = new Set<unknown>();
    for (let page = 1; ; page++) {
      const response = await get({ ...filters, limit: options.pageSize, page });
      const fresh = response.records.filter((r) => !ids.has(r.id));
      if (fresh.length === 0) break;
      for (const r of fresh) {
        ids.add(r.id);
        seen.set(r.id, r);
      }
    }
    if (previous !== null && previous.size === ids.size && [...ids].every((id) => previous!.has(id))) {
      return { records: [...seen.values()], isProven: true };
    }
    previous = ids;
  }
  return { records: [...seen.values()], isProven: false };
}

/**
 * For immutable records in a fixed window (refunds: `created:min`/`:max`, ordered by id): the window is read
 * page by page; records created meanwhile fall past the window's end, so the pages can't shift. The bookmark
 * moves only when the window completes, to the last second written.
 */
export async function* walkWindowPages(options: WindowWalkOptions): AsyncGenerator<WalkBatch> {
  const replication = replicationOf(options.definition);
  const get = makeGetter(options);
  const fromMs = floorToSecond(options.start.secondMs);
  const upperMs = await fixUpper(options, get);
  const filters = new WindowFilters(replication).for(fromMs, upperMs);
  const seen = new Set<unknown>();
  let lastWrittenMs = fromMs;
  for (let page = 1; ; page++) {
    const response = await get({ ...filters, limit: options.pageSize, page });
    const { kept, maxMs } = keepInRange(response.records, replication.replicationKey, fromMs, upperMs, seen);
    if (response.records.length === 0 || (kept.length === 0 && response.records.every((r) => seen.has(r.id)))) break;
    if (kept.length > 0) lastWrittenMs = Math.max(lastWrittenMs, maxMs);
    yield {
      records: kept,
      cursor: options.start,
      ...(page === 1 && totalOf(response) !== undefined ? { totalInWindow: totalOf(response)! } : {}),
    };
  }
  yield { records: [], cursor: { secondMs: lastWrittenMs, position: null } };
}
