import { floorToSecond, formatFilterInstant } from '../../dates.js';
import { TapError } from '../../errors.js';
import { BadRequestError } from '../../http/errors.js';
import type { ApiClient, ApiPage } from '../../http/types.js';
import type { Logger } from '../../logger.js';
import type { Query, StreamDefinition } from '../../streams/types.js';
import { totalOf } from '../count-records.js';
import type { ServerClock } from '../server-clock.js';
import { exactSecondMaxFilter, minFilter, type Row, sentMinMs, toRows, UNKNOWN_SEMANTICS } from './filter-semantics.js';
import { keysetOf, windowQuery, withinSecondQuery } from './keyset-queries.js';
import { denseStep, mainStep, type StepResult, type WalkBatch, type WalkBounds, type WalkCursor, type WalkState } from './keyset-steps.js';

export type { WalkBatch, WalkCursor } from './keyset-steps.js';

export interface WalkOptions {
  client: ApiClient;
  definition: StreamDefinition;
  pageSize: number;
  start: WalkCursor;
  /** Upper bound of the replication key (end_date); the window's upper end is also capped by server time. */
  endDateMs?: number;
  /**
   * Exclusive end of the slice this walk covers (parallel slices): sent as the max filter, records at or after
   * it are left to the next slice. Sending the next slice's first second (not the one before) keeps this
   * right whether `:max` is inclusive or exclusive.
   */
  sliceEndMs?: number;
  serverClock: ServerClock;
  logger: Logger;
  /** The list query (includes) as it stands now: it may drop an include the API turned out to ignore. */
  listQuery?: () => Query;
}

/**
 * Walks an incremental stream by value, never by page number, so records modified during the sync can't
 * shift pages and be skipped (DESIGN.md "Incremental sync"). The decisions live in pure step functions
 * (`keyset-steps.ts`) over what the walk learns of the filters (`filter-semantics.ts`); this driver sends
 * their queries and yields their batches. The window's upper end is fixed when the walk starts (server time),
 * so the walk ends even when the store keeps changing.
 */
export async function* walkIncremental(options: WalkOptions): AsyncGenerator<WalkBatch> {
  const { client, definition, pageSize, logger } = options;
  const { replicationKey: key, walk, window } = keysetOf(definition);
  const log = onceLogger(logger, definition.name);
  const bounds: WalkBounds = {
    upperMs: fixUpper(options.serverClock.nowMs(), options.endDateMs),
    ...(options.sliceEndMs === undefined ? {} : { sliceEndMs: options.sliceEndMs }),
  };
  let state: WalkState = {
    second: floorToSecond(options.start.secondMs),
    isDense: options.start.position !== null,
    position: options.start.position,
    semantics: UNKNOWN_SEMANTICS,
    isFirstPage: true,
  };
  let hasRestartedCursor = false;
  for (;;) {
    let page: ApiPage;
    try {
      page = await client.get({ apiVersion: definition.api, path: definition.path, query: queryFor(state), stream: definition.name });
    } catch (error) {
      // A cursor from an earlier run may have expired: walk this second again from its start (records of it
      // already written are written again; none is lost).
      if (!(error instanceof BadRequestError) || state.position?.after === undefined || hasRestartedCursor) throw error;
      hasRestartedCursor = true;
      logger.warn(
        `${definition.name}: the API refused the saved cursor inside ${formatFilterInstant(state.second)} (${error.status}); reading that second again from its start`,
      );
      state = { ...state, position: null };
      continue;
    }
    options.serverClock.observe(page.serverTimeMs);
    if (bounds.upperMs === null) bounds.upperMs = fixUpper(options.serverClock.nowOrLocalMs(), options.endDateMs);
    const rows = toRows(page.records, key);
    warnUnreadable(rows, key, log);
    let step: StepResult;
    if (state.isDense) {
      step = denseStep(state, rows, page, key, walk.withinSecond);
    } else {
      assertSortedByKey(rows, key, definition.name);
      assertFilterHonoured(rows, floorToSecond(sentMinMs(state.semantics, state.second)), pageSize, window.min, definition.name);
      step = mainStep(state, rows, key, bounds, totalOf(page));
    }
    for (const note of step.debug) logger.debug(`${definition.name}: ${note}`);
    for (const warning of step.warnings) log.warn(`${warning} (${formatFilterInstant(state.second)})`, warning);
    if (step.batch) yield step.batch;
    if (step.next === null) return;
    state = step.next;
  }

  function queryFor(s: WalkState) {
    const base = options.listQuery?.() ?? definition.query;
    if (s.isDense) {
      const max = exactSecondMaxFilter(s.semantics, s.second);
      return withinSecondQuery(definition, s.semantics, minFilter(s.semantics, s.second), max, s.position, pageSize, base);
    }
    const maxMs = bounds.sliceEndMs ?? bounds.upperMs;
    return windowQuery(definition, minFilter(s.semantics, s.second), maxMs === null ? null : formatFilterInstant(maxMs), pageSize, base);
  }
}

/** Warnings once per kind per walk: a stream with many dense seconds must not repeat itself. */
function onceLogger(logger: Logger, stream: string) {
  const seen = new Set<string>();
  return {
    warn(message: string, kind: string) {
      if (seen.has(kind)) return;
      seen.add(kind);
      logger.warn(`${stream}: ${message}`);
    },
  };
}

function warnUnreadable(rows: readonly Row[], key: string, log: ReturnType<typeof onceLogger>): void {
  const row = rows.find((r) => r.second === null);
  if (!row) return;
  log.warn(
    `record ${JSON.stringify(row.record.id)} has no readable ${key} (${JSON.stringify(row.record[key])}); such records cannot be placed in the walk and are skipped`,
    'unreadable',
  );
}

/**
 * The walk is only loss-free over a list sorted by the replication key: a page that is not means the API
 * ignored the sort, and going on could skip records silently. Ties within one second may come in any order.
 */
function assertSortedByKey(rows: readonly Row[], key: string, stream: string): void {
  let previous = Number.NEGATIVE_INFINITY;
  for (const { record, second } of rows) {
    if (second === null) continue;
    if (second < previous) {
      throw new TapError(
        `The ${stream} list came back not sorted by ${key} (record ${JSON.stringify(record.id)} follows a later one), so an incremental sync could skip records: stopping. Check that api_url points at the BigCommerce API (a proxy may drop the sort parameter).`,
      );
    }
    previous = second;
  }
}

/**
 * A full page with no record at or after the `:min` sent can't come from an API that applies the filter: it
 * ignored it, and the walk would end early, silently short of the rest (the same page again and again).
 */
function assertFilterHonoured(rows: readonly Row[], minSecondMs: number, pageSize: number, filter: string, stream: string): void {
  if (rows.length < pageSize || rows.some((r) => r.second === null || r.second >= minSecondMs)) return;
  throw new TapError(
    `The ${stream} list ignored the ${filter} filter (a full page of records from before ${formatFilterInstant(minSecondMs)} came back), so an incremental sync would miss records: stopping. Check that api_url points at the BigCommerce API (a proxy may drop query parameters).`,
  );
}

function fixUpper(serverNowMs: number | null, endDateMs: number | undefined): number | null {
  if (serverNowMs === null) return endDateMs ?? null;
  const now = floorToSecond(serverNowMs);
  return endDateMs === undefined ? now : Math.min(now, endDateMs);
}
