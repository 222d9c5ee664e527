import type { Clock } from '../clock.js';
import type { TapConfig } from '../config.js';
import { floorToSecond, formatFilterInstant, formatInstant } from '../dates.js';
import type { ApiClient, QueryValue } from '../http/types.js';
import type { Logger } from '../logger.js';
import { formatState, type StreamBookmark, type TapState } from '../state.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import type { TapEvent } from './events.js';
import { walkFullTable } from './full-table-walker.js';
import { type WalkCursor, walkIncremental } from './incremental-walker.js';
import { mergeWalks } from './merge-walks.js';
import type { ProgressReporter } from './progress.js';
import { createRecordPipeline, type RecordPipeline } from './record-pipeline.js';
import type { ServerClock } from './server-clock.js';
import { planSlices, type SlicePlan } from './slice-plan.js';
import { attachSubResources } from './subresources.js';
import type { StreamStats } from './sync-stats.js';

export interface SyncContext {
  client: ApiClient;
  config: TapConfig;
  logger: Logger;
  clock: Clock;
  serverClock: ServerClock;
  state: TapState;
  /** Minimum time between STATE messages inside a stream (0: after every page). */
  stateIntervalMs: number;
  progress: ProgressReporter;
}

/** Seconds this close to the window's upper end may still receive records: their position isn't kept. */
const LIVE_EDGE_MS = 2000;

/** SCHEMA, then RECORDs and STATEs for one stream. */
export async function* syncStream(ctx: SyncContext, selected: SelectedStream, stats: StreamStats): AsyncGenerator<TapEvent> {
  const { definition } = selected;
  ctx.state.currentlySyncing = definition.name;
  yield {
    type: 'schema',
    stream: definition.name,
    schema: selected.schema,
    keyProperties: definition.keyProperties,
    bookmarkProperties: selected.replicationMethod === 'INCREMENTAL' && definition.replicationKey ? [definition.replicationKey] : [],
  };
  yield stateEvent(ctx.state);
  const pipeline = createRecordPipeline(selected, ctx.config.onInvalidRecord, ctx.logger);
  if (definition.replicationMethod === 'FULL_TABLE') {
    yield* syncFullTable(ctx, selected, pipeline, stats);
  } else {
    yield* syncIncremental(ctx, selected, pipeline, stats);
  }
  ctx.state.currentlySyncing = null;
  yield stateEvent(ctx.state);
}

export function stateEvent(state: TapState): TapEvent {
  return { type: 'state', value: formatState(state) };
}

async function* syncIncremental(
  ctx: SyncContext,
  selected: SelectedStream,
  pipeline: RecordPipeline,
  stats: StreamStats,
): AsyncGenerator<TapEvent> {
  const { definition } = selected;
  const isFullTable = selected.replicationMethod === 'FULL_TABLE';
  const saved = isFullTable ? undefined : ctx.state.bookmarks[definition.name];
  const start: WalkCursor =
    saved?.replicationKeyValueMs !== undefined
      ? { secondMs: floorToSecond(saved.replicationKeyValueMs), position: saved.position ?? null }
      : { secondMs: floorToSecond(ctx.config.startDateMs), position: null };
  ctx.logger.info(
    `${definition.name}: ${isFullTable ? 'full table' : 'incremental'} sync from date_modified ${formatInstant(start.secondMs)}${start.position ? ` (resuming inside that second at ${JSON.stringify(start.position)})` : ''}`,
  );
  const subResources = definition.subResources.filter((s) => !selected.selectedFields || selected.selectedFields.has(s.field));
  let liveEdgeMs = ctx.serverClock.nowMs();
  const plan = await planWalk(ctx, selected, start, subResources.length > 0);
  if (plan.total !== undefined) stats.totalInWindow = plan.total;
  const slices = plan.slices.map((slice) => ({ ...slice, current: null as WalkCursor | null, isDone: false }));
  const walkers = plan.slices.map((slice, i) =>
    walkIncremental({
      client: ctx.client,
      definition,
      pageSize: ctx.config.pageSize,
      start: slice.start,
      ...(slice.endMs !== undefined ? { sliceEndMs: slice.endMs } : {}),
      ...(i === plan.slices.length - 1 && plan.upperMs !== undefined
        ? { endDateMs: plan.upperMs }
        : ctx.config.endDateMs === undefined
          ? {}
          : { endDateMs: ctx.config.endDateMs }),
      serverClock: ctx.serverClock,
      logger: ctx.logger,
    }),
  );
  const isStateDue = stateThrottle(ctx);
  for await (const event of mergeWalks(walkers)) {
    const slice = slices[event.index]!;
    if (event.isDone) {
      slice.isDone = true;
    } else {
      const batch = event.item;
      liveEdgeMs ??= ctx.serverClock.nowMs();
      if (batch.totalInWindow !== undefined && plan.total === undefined) stats.totalInWindow = batch.totalInWindow;
      if (batch.records.length > 0) {
        await attachSubResources(ctx.client, definition, subResources, batch.records, ctx.config.pageSize, ctx.logger);
        const records = pipeline(batch.records);
        const timeExtracted = new Date(ctx.clock.now()).toISOString();
        for (const record of records) yield { type: 'record', stream: definition.name, record, timeExtracted };
        stats.records += records.length;
      }
      slice.current = batch.cursor;
    }
    // The bookmark is the first unfinished slice's cursor: every slice before it is complete.
    const frontier = slices.find((sl) => !sl.isDone);
    const cursor = frontier ? (frontier.current ?? frontier.start) : [...slices].reverse().find((sl) => sl.current !== null)?.current;
    if (cursor) ctx.state.bookmarks[definition.name] = bookmarkOf(cursor);
    ctx.progress.update(stats);
    if (!event.isDone && isStateDue()) yield stateEvent(ctx.state);
  }
  const last = [...slices].reverse().find((sl) => sl.current !== null)?.current;
  if (last?.position && liveEdgeMs !== null && last.secondMs >= floorToSecond(liveEdgeMs) - LIVE_EDGE_MS) {
    // The last second was still open when read: re-read it next time rather than trust a position in it.
    ctx.state.bookmarks[definition.name] = { replicationKeyValueMs: last.secondMs };
  }
  const final = ctx.state.bookmarks[definition.name]?.replicationKeyValueMs;
  if (final !== undefined) stats.finalBookmark = formatInstant(final);
}

/** True at most once per `stateIntervalMs`: STATE messages inside a stream are throttled. */
function stateThrottle(ctx: SyncContext): () => boolean {
  let lastAtMs = -Infinity;
  return () => {
    const now = ctx.clock.now();
    if (now - lastAtMs < ctx.stateIntervalMs) return false;
    lastAtMs = now;
    return true;
  };
}

function bookmarkOf(cursor: WalkCursor): StreamBookmark {
  return { replicationKeyValueMs: cursor.secondMs, ...(cursor.position ? { position: cursor.position } : {}) };
}

/**
 * One walk, or several slices walked at once when the stream has no sub-resources to keep the concurrency
 * busy and the window holds enough records to be worth the planning requests.
 */
async function planWalk(
  ctx: SyncContext,
  selected: SelectedStream,
  start: WalkCursor,
  hasSubResources: boolean,
): Promise<SlicePlan & { upperMs?: number }> {
  const { definition } = selected;
  if (hasSubResources || ctx.config.maxConcurrency < 2) {
    const total = await countRecords(ctx, selected, start.secondMs);
    return { slices: [{ start }], ...(total === undefined ? {} : { total }) };
  }
  const nowMs = floorToSecond(ctx.serverClock.nowMs() ?? ctx.clock.now());
  const upperMs = ctx.config.endDateMs === undefined ? nowMs : Math.min(nowMs, ctx.config.endDateMs);
  if (upperMs <= start.secondMs) return { slices: [{ start }] };
  const plan = await planSlices({
    client: ctx.client,
    definition,
    start,
    upperMs,
    pageSize: ctx.config.pageSize,
    maxSlices: ctx.config.maxConcurrency,
    serverClock: ctx.serverClock,
    logger: ctx.logger,
  });
  return plan.slices.length > 1 ? { ...plan, upperMs } : plan;
}

async function* syncFullTable(
  ctx: SyncContext,
  selected: SelectedStream,
  pipeline: RecordPipeline,
  stats: StreamStats,
): AsyncGenerator<TapEvent> {
  const { definition } = selected;
  const saved = ctx.state.bookmarks[definition.name];
  const isResuming = saved?.lastId !== undefined;
  const useVersions = ctx.config.emitActivateVersionMessages;
  const version = isResuming && saved?.version !== undefined ? saved.version : ctx.clock.now();
  ctx.logger.info(`${definition.name}: full table sync${isResuming ? ` resuming after id ${saved!.lastId}` : ''}`);
  stats.totalInWindow = await countRecords(ctx, selected, null);
  if (useVersions && !isResuming) yield { type: 'activate_version', stream: definition.name, version };
  const isStateDue = stateThrottle(ctx);
  // One source: mergeWalks fetches the next page while this one is written.
  for await (const event of mergeWalks([
    walkFullTable({
      client: ctx.client,
      definition,
      pageSize: ctx.config.pageSize,
      afterId: saved?.lastId ?? null,
      serverClock: ctx.serverClock,
    }),
  ])) {
    if (event.isDone) continue;
    const batch = event.item;
    const records = pipeline(batch.records);
    const timeExtracted = new Date(ctx.clock.now()).toISOString();
    for (const record of records) {
      yield useVersions
        ? { type: 'record', stream: definition.name, record, timeExtracted, version }
        : { type: 'record', stream: definition.name, record, timeExtracted };
    }
    stats.records += records.length;
    ctx.state.bookmarks[definition.name] = {
      ...(batch.lastId === null ? {} : { lastId: batch.lastId }),
      ...(useVersions ? { version } : {}),
    };
    ctx.progress.update(stats);
    if (isStateDue()) yield stateEvent(ctx.state);
  }
  if (useVersions) yield { type: 'activate_version', stream: definition.name, version };
  ctx.state.bookmarks[definition.name] = {};
}

/**
 * The number of records to sync, when the API says it in one cheap request (v2 `/count` with the window's
 * filters), for progress lines. v3 streams learn it from their first page's `meta.pagination.total` instead.
 */
async function countRecords(ctx: SyncContext, selected: SelectedStream, fromSecondMs: number | null): Promise<number | undefined> {
  const { definition } = selected;
  if (!definition.countPath) return undefined;
  const query: Record<string, QueryValue | undefined> = {};
  if (fromSecondMs !== null && definition.incremental) {
    const filters = definition.incremental.byModified(formatFilterInstant(fromSecondMs), '', 1);
    for (const [key, value] of Object.entries(filters)) {
      if ((key.startsWith('min_') || key.endsWith(':min')) && value !== undefined) query[key] = value;
    }
  }
  try {
    const page = await ctx.client.get({
      apiVersion: definition.apiVersion,
      path: definition.countPath,
      query,
      stream: definition.name,
      endpoint: `${definition.name}.count`,
    });
    ctx.serverClock.observe(page.serverTimeMs);
    const count = (page.records[0] as { count?: unknown } | undefined)?.count;
    return typeof count === 'number' ? count : undefined;
  } catch (error) {
    // Progress is a nicety: the list requests report real problems.
    ctx.logger.debug(`${definition.name}: no count (${(error as Error).message})`);
    return undefined;
  }
}
