import { floorToSecond, formatFilterInstant, formatFilterInstantMs, parseApiDateMs } from '../dates.js';
import { TapError } from '../errors.js';
import type { ApiClient, ApiPage } from '../http/types.js';
import type { Logger } from '../logger.js';
import type { SecondPosition, StreamDefinition } from '../streams/types.js';
import type { ServerClock } from './server-clock.js';

/** Where an incremental walk stands: every record before `secondMs` is written, and within it, `position`. */
export interface WalkCursor {
  secondMs: number;
  /** null: nothing of `secondMs` written yet. */
  position: SecondPosition | null;
}

export interface WalkBatch {
  /** Raw API records to write, in order. */
  records: Record<string, unknown>[];
  /** The cursor once these records are written. */
  cursor: WalkCursor;
  /** v3 `meta.pagination.total` of the first page: records in the window, for progress. */
  totalInWindow?: number;
}

export interface WalkOptions {
  client: ApiClient;
  definition: StreamDefinition;
  pageSize: number;
  start: WalkCursor;
  /** Upper bound of `date_modified` (end_date); the window's upper end is also capped by server time. */
  endDateMs?: number;
  /**
   * Exclusive end of the slice this walk covers (parallel slices): sent as the max filter, records at or after
   * it are left to the next slice. Sending the next slice's first second (not the one before) keeps this
   * right whether `:max` is inclusive or exclusive.
   */
  sliceEndMs?: number;
  serverClock: ServerClock;
  logger: Logger;
}

const SECOND = 1000;

/**
 * Walks an incremental stream by value, never by page number, so records modified during the sync can't
 * shift pages and be skipped (see DESIGN.md "Incremental sync"):
 * - main mode asks for `date_modified >= cursor` ascending; the records of the page's last second are held
 *   back (re-read by the next request), so a batch always ends on a second boundary and the cursor is exact;
 * - a page entirely within one second switches to a walk of that exact second by a second key (id, or the
 *   API cursor for customers), which handles runs of one second longer than a page;
 * - `:min` filters may be inclusive or exclusive (unverified): until a record equal to the filter value proves
 *   them inclusive, the walk asks from one second earlier and drops what it already wrote;
 * - dates with fractional seconds (some stores or proxies write `…:05.123Z`) switch the filters to millisecond
 *   values (`:min` one millisecond early, exact-second `:max` a second late, the surplus dropped here);
 * - the end is a request that brings nothing new.
 * The window's upper end is fixed when the walk starts (server time), so the walk terminates even when the
 * store keeps changing; records modified meanwhile are picked up by the next sync.
 */
export async function* walkIncremental(options: WalkOptions): AsyncGenerator<WalkBatch> {
  const { client, definition, pageSize, logger } = options;
  const queries = definition.incremental;
  if (!queries) throw new Error(`stream ${definition.name} has no incremental queries`);
  const key = definition.replicationKey ?? 'date_modified';
  let hasWarnedUndated = false;
  // Dates written with fractional seconds (`…:05.123Z`, even `.000`) may be compared at millisecond precision,
  // where an exact-second `:max` filter would cut the second short.
  let hasSubSecondDates = false;
  // Each record's second is asked for several times per page (filters, bounds, proofs): parse it once.
  const secondOf = new WeakMap<Record<string, unknown>, number | null>();
  const modifiedMs = (record: Record<string, unknown>): number | null => {
    const known = secondOf.get(record);
    if (known !== undefined) return known;
    const second = parseModifiedSecond(record);
    secondOf.set(record, second);
    return second;
  };
  const parseModifiedSecond = (record: Record<string, unknown>): number | null => {
    const raw = record[key];
    if (!hasSubSecondDates && typeof raw === 'string' && /:\d\d\.\d/.test(raw)) {
      hasSubSecondDates = true;
      maxPadMs = SECOND;
      logger.debug(`${definition.name}: date_modified has fractional seconds; exact-second queries ask up to the next second`);
    }
    const ms = parseApiDateMs(raw);
    if (ms === null && !hasWarnedUndated) {
      hasWarnedUndated = true;
      logger.warn(
        `${definition.name}: record ${JSON.stringify(record.id)} has no readable ${key} (${JSON.stringify(record[key])}); such records cannot be placed in the walk and are skipped`,
      );
    }
    return ms === null ? null : floorToSecond(ms);
  };

  let upperMs: number | null = fixUpper(options.serverClock.nowMs(), options.endDateMs);
  let isMinInclusive = false;
  let second = floorToSecond(options.start.secondMs);
  // Dense mode: walking one exact second by the second key. Main mode: `second` is the first unwritten second.
  let isDense = options.start.position !== null;
  let position: SecondPosition | null = options.start.position;
  let isFirstPage = true;
  let warnedPageFallback = false;
  // `:max` filters are documented as inclusive; if an exact-second query proves otherwise, pad them.
  let maxPadMs = 0;
  let isMaxInclusive = false;
  let hasRestartedCursor = false;
  let isIdMinInclusive = false;
  /** The position as the id filter needs it: past the last id once the filter is known to be inclusive. */
  const idQueryPosition = (p: SecondPosition | null): SecondPosition | null =>
    queries.walksById && isIdMinInclusive && p?.id !== undefined ? { ...p, id: p.id + 1 } : p;

  // Whole-second dates: ask from the second itself once `:min` is proved inclusive, else from one second
  // earlier. Fractional-second dates: ask from one millisecond earlier, right either way.
  const minFilter = (ms: number) =>
    hasSubSecondDates ? formatFilterInstantMs(ms - 1) : formatFilterInstant(isMinInclusive ? ms : ms - SECOND);
  const request = async (query: Record<string, unknown>): Promise<ApiPage> => {
    const page = await client.get({
      apiVersion: definition.apiVersion,
      path: definition.path,
      query: { ...definition.baseQuery, ...(query as Record<string, string | number | undefined>) },
      stream: definition.name,
    });
    options.serverClock.observe(page.serverTimeMs);
    if (upperMs === null) upperMs = fixUpper(options.serverClock.nowMs() ?? Date.now(), options.endDateMs);
    return page;
  };
  /**
   * Learns from a page how filters behave; true when the query just sent is stale and must be asked again: the
   * page proved `:min` inclusive (a record equal to the filter value came back), or showed fractional seconds.
   */
  const learnFilterSemantics = (page: ApiPage, sentMinMs: number): boolean => {
    const wasSubSecond = hasSubSecondDates;
    page.records.forEach(modifiedMs);
    // Switching to millisecond filters changes what the query means: ask again.
    if (hasSubSecondDates !== wasSubSecond) return true;
    if (isMinInclusive || hasSubSecondDates) return false;
    // Exactly equal, to the millisecond: with fractional-second dates a record inside the filter's second
    // proves nothing (an exclusive filter returns it too).
    const isExactly = (r: Record<string, unknown>) =>
      modifiedMs(r) === sentMinMs && (!hasSubSecondDates || Date.parse(String(r[key])) === sentMinMs);
    if (!page.records.some(isExactly)) return false;
    isMinInclusive = true;
    logger.debug(`${definition.name}: date_modified min filter is inclusive`);
    return true;
  };

  for (;;) {
    if (!isDense) {
      const sentMinMs = isMinInclusive ? second : second - SECOND;
      const maxSentMs = options.sliceEndMs ?? upperMs;
      const query = queries.byModified(minFilter(second), maxSentMs === null ? '' : formatFilterInstant(maxSentMs), pageSize);
      if (maxSentMs === null) delete (query as Record<string, unknown>)[maxKeyOf(query)];
      const page = await request(query);
      assertSortedByModified(page.records, modifiedMs, definition.name);
      const shouldAskAgain = learnFilterSemantics(page, sentMinMs);
      const fresh = page.records.filter((r) => {
        const ms = modifiedMs(r);
        if (ms === null || ms < second) return false;
        return options.sliceEndMs !== undefined ? ms < options.sliceEndMs : upperMs === null || ms <= upperMs;
      });
      const total = isFirstPage ? totalOf(page) : undefined;
      isFirstPage = false;
      if (fresh.length === 0) {
        if (shouldAskAgain && page.records.length > 0) continue;
        return;
      }
      let lastMs = -Infinity;
      let firstMs = Infinity;
      for (const r of fresh) {
        const ms = modifiedMs(r)!;
        if (ms > lastMs) lastMs = ms;
        if (ms < firstMs) firstMs = ms;
      }
      if (firstMs === lastMs) {
        // The page holds one second only: walk that second by the second key.
        second = lastMs;
        isDense = true;
        position = null;
        if (total !== undefined) yield { records: [], cursor: { secondMs: second, position: null }, totalInWindow: total };
        continue;
      }
      const records = fresh.filter((r) => modifiedMs(r)! < lastMs);
      second = lastMs;
      yield { records, cursor: { secondMs: second, position: null }, ...(total === undefined ? {} : { totalInWindow: total }) };
      continue;
    }

    const sentMinMs = isMinInclusive ? second : second - SECOND;
    let page: ApiPage;
    try {
      page = await request(
        queries.withinSecond(minFilter(second), formatFilterInstant(second + maxPadMs), idQueryPosition(position), pageSize),
      );
    } catch (error) {
      // A cursor from an earlier run may have expired: walk this second again from its start (records of it
      // already written are written again; none is lost).
      const status = (error as { status?: unknown }).status;
      if (position?.after === undefined || (status !== 400 && status !== 422) || hasRestartedCursor) throw error;
      hasRestartedCursor = true;
      logger.warn(
        `${definition.name}: the API refused the saved cursor inside ${formatFilterInstant(second)} (${status}); reading that second again from its start`,
      );
      position = null;
      continue;
    }
    const shouldAskAgain = learnFilterSemantics(page, sentMinMs);
    // The last id written came back: the id filter is inclusive, so from now on ask from the next id (with
    // a page of one record, asking from the last id again would never get further).
    const provesIdInclusive =
      queries.walksById && !isIdMinInclusive && position?.id !== undefined && page.records.some((r) => Number(r.id) === position!.id);
    if (provesIdInclusive) isIdMinInclusive = true;
    const past = page.records.filter((r) => queries.isPastPosition(r, position));
    const fresh = past.filter((r) => modifiedMs(r) === second);
    // A record equal to the max filter sent proves `:max` inclusive: no padding needed from then on.
    if (!isMaxInclusive && !hasSubSecondDates && page.records.some((r) => modifiedMs(r) === second + maxPadMs)) {
      isMaxInclusive = true;
      maxPadMs = 0;
    }
    if (maxPadMs === 0 && !isMaxInclusive && !page.records.some((r) => modifiedMs(r) === second)) {
      // An exact-second query returned nothing of that second: either nothing is left in it, or `:max`
      // behaves as exclusive. Until a record equal to the max filter proves it inclusive, ask up to the
      // next second too (and keep only this one).
      maxPadMs = SECOND;
      logger.debug(`${definition.name}: date_modified max filter looks exclusive; padding it by one second`);
      continue;
    }
    if (past.length === 0) {
      if ((shouldAskAgain || provesIdInclusive) && page.records.length > 0) continue;
      // This second is complete: continue in main mode after it. The cursor (second, position) stays exact.
      isDense = false;
      yield { records: [], cursor: { secondMs: second, position } };
      second += SECOND;
      continue;
    }
    const next = queries.nextPosition(page, position);
    if (next?.page !== undefined && !warnedPageFallback) {
      warnedPageFallback = true;
      logger.warn(`${definition.name}: the API gave no cursor for a second with more than a page of records; walking it by page number`);
    }
    if (next === null || samePosition(next, position)) {
      logger.warn(`${definition.name}: cannot walk further inside ${formatFilterInstant(second)}; moving on`);
      yield { records: fresh, cursor: { secondMs: second, position: next ?? position } };
      isDense = false;
      second += SECOND;
      continue;
    }
    position = next;
    yield { records: fresh, cursor: { secondMs: second, position } };
  }
}

/**
 * The walk is only loss-free over a list sorted by date_modified: a page that is not means the API ignored
 * the sort, and going on could skip records silently. Ties within one second may come in any order.
 */
function assertSortedByModified(
  records: Record<string, unknown>[],
  modifiedMs: (r: Record<string, unknown>) => number | null,
  stream: string,
): void {
  let previous = -Infinity;
  for (const record of records) {
    const ms = modifiedMs(record);
    if (ms === null) continue;
    if (ms < previous) {
      throw new TapError(
        `The ${stream} list came back not sorted by date_modified (record ${JSON.stringify(record.id)} follows a later one), so an incremental sync could skip records: stopping. Check that api_url points at the BigCommerce API (a proxy may drop the sort parameter).`,
      );
    }
    previous = ms;
  }
}

function fixUpper(serverNowMs: number | null, endDateMs: number | undefined): number | null {
  if (serverNowMs === null) return endDateMs ?? null;
  const now = floorToSecond(serverNowMs);
  return endDateMs === undefined ? now : Math.min(now, endDateMs);
}

function maxKeyOf(query: Record<string, unknown>): string {
  return Object.keys(query).find((k) => k.startsWith('max_') || k.endsWith(':max')) ?? 'max';
}

function totalOf(page: ApiPage): number | undefined {
  const total = (page.body as { meta?: { pagination?: { total?: unknown } } } | null)?.meta?.pagination?.total;
  return typeof total === 'number' ? total : undefined;
}

function samePosition(a: SecondPosition | null, b: SecondPosition | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
