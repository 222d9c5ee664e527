import { floorToSecond, formatFilterInstant, formatInstant } from '../../dates.js';
import type { StreamBookmark } from '../../state.js';
import { countRecords } from '../count-records.js';
import type { TapEvent } from '../events.js';
import type { GroupWriter } from '../group-writer.js';
import { mergeWalks } from '../merge-walks.js';
import type { StreamGroup } from '../stream-group.js';
import { writtenStreams } from '../stream-group.js';
import type { SyncContext } from '../sync-context.js';
import { stateEvent } from '../sync-context.js';
import { toRows } from './filter-semantics.js';
import { keysetOf } from './keyset-queries.js';
import type { WalkCursor } from './keyset-steps.js';
import { walkIncremental } from './keyset-walk.js';
import { planSlices, type SlicePlan } from './slice-plan.js';

/** Seconds this close to the window's upper end may still receive records: their position isn't kept. */
const LIVE_EDGE_MS = 2000;

/**
 * An incremental group: the parent walked by keyset from the earliest bookmark of the streams it writes (a
 * child selected for the first time walks from `start_date` without re-emitting parent records), in parallel
 * slices when nothing is fetched per record. Each written stream's bookmark follows the walk's frontier.
 */
export async function* syncKeysetGroup(ctx: SyncContext, group: StreamGroup, writer: GroupWriter): AsyncGenerator<TapEvent> {
  const { definition } = group.parent;
  const { replicationKey } = keysetOf(definition);
  const written = writtenStreams(group);
  const isFullTable = written.every((s) => s.replicationMethod === 'FULL_TABLE');
  const members = written.map((s) => s.definition.name);
  const startOf = (stream: string): WalkCursor => {
    // A stream synced FULL_TABLE (catalog or Airbyte full_refresh) ignores its bookmark.
    const isWhole = written.find((s) => s.definition.name === stream)?.replicationMethod === 'FULL_TABLE';
    const saved = isWhole ? undefined : ctx.state.bookmarks[stream];
    return saved?.replicationKeyValueMs !== undefined
      ? { secondMs: floorToSecond(saved.replicationKeyValueMs), position: saved.position ?? null }
      : { secondMs: floorToSecond(ctx.config.startDateMs), position: null };
  };
  const starts = new Map(members.map((m) => [m, startOf(m)]));
  const start = [...starts.values()].reduce((a, b) =>
    b.secondMs < a.secondMs || (b.secondMs === a.secondMs && b.position === null) ? b : a,
  );
  const isAligned = [...starts.values()].every(
    (c) => c.secondMs === start.secondMs && JSON.stringify(c.position) === JSON.stringify(start.position),
  );
  ctx.logger.info(
    `${definition.name}: ${isFullTable ? 'full table' : 'incremental'} sync from ${replicationKey} ${formatInstant(start.secondMs)}${start.position ? ` (resuming inside that second at ${JSON.stringify(start.position)})` : ''}`,
  );
  const isNewFor = isAligned
    ? undefined
    : (stream: string, record: Record<string, unknown>) => {
        const second = toRows([record], replicationKey)[0]?.second;
        return second !== null && second !== undefined && second >= (starts.get(stream)?.secondMs ?? start.secondMs);
      };
  const hasPerRecordRequests = writer.hasPerRecordRequests();
  let liveEdgeMs = ctx.serverClock.nowMs();
  const plan = await planWalk(ctx, group, start, hasPerRecordRequests);
  const primary = ctx.statsOf(members[0] ?? definition.name);
  if (plan.total !== undefined) primary.totalInWindow = plan.total;
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
  const setBookmarks = (cursor: WalkCursor) => {
    for (const member of members) {
      const own = starts.get(member);
      if (own && cursor.secondMs < own.secondMs) continue;
      ctx.state.bookmarks[member] = { ...ctx.state.bookmarks[member], ...bookmarkOf(cursor) };
      if (!cursor.position) delete ctx.state.bookmarks[member]?.position;
    }
  };
  for await (const event of mergeWalks(walkers)) {
    const slice = slices[event.index]!;
    if (event.isDone) {
      slice.isDone = true;
    } else {
      const batch = event.item;
      liveEdgeMs ??= ctx.serverClock.nowMs();
      if (batch.totalInWindow !== undefined && plan.total === undefined) primary.totalInWindow = batch.totalInWindow;
      yield* await writer.write(batch.records, isNewFor ? { isNewFor } : {});
      slice.current = batch.cursor;
    }
    // The bookmark is the first unfinished slice's cursor: every slice before it is complete.
    const frontier = slices.find((sl) => !sl.isDone);
    const cursor = frontier ? (frontier.current ?? frontier.start) : [...slices].reverse().find((sl) => sl.current !== null)?.current;
    if (cursor) setBookmarks(cursor);
    ctx.reportProgress();
    if (!event.isDone && ctx.isStateDue()) yield stateEvent(ctx.state);
  }
  const last = [...slices].reverse().find((sl) => sl.current !== null)?.current;
  if (last?.position && liveEdgeMs !== null && last.secondMs >= floorToSecond(liveEdgeMs) - LIVE_EDGE_MS) {
    // The last second was still open when read: re-read it next time rather than trust a position in it.
    setBookmarks({ secondMs: last.secondMs, position: null });
  }
  for (const member of members) {
    const final = ctx.state.bookmarks[member]?.replicationKeyValueMs;
    if (final !== undefined) ctx.statsOf(member).finalBookmark = formatInstant(final);
  }
}

function bookmarkOf(cursor: WalkCursor): StreamBookmark {
  return { replicationKeyValueMs: cursor.secondMs, ...(cursor.position ? { position: cursor.position } : {}) };
}

/**
 * One walk, or several slices walked at once when nothing is fetched per record (which keeps the concurrency
 * busy already) and the window holds enough records to be worth the planning requests.
 */
async function planWalk(
  ctx: SyncContext,
  group: StreamGroup,
  start: WalkCursor,
  hasPerRecordRequests: boolean,
): Promise<SlicePlan & { upperMs?: number }> {
  const { definition } = group.parent;
  const common = { client: ctx.client, definition, serverClock: ctx.serverClock, logger: ctx.logger };
  if (hasPerRecordRequests || ctx.config.maxConcurrency < 2) {
    const filters = { [keysetOf(definition).window.min]: formatFilterInstant(start.secondMs) };
    const total = definition.countPath ? await countRecords({ ...common, filters, endpoint: `${definition.name}.count` }) : undefined;
    return { slices: [{ start }], ...(total === undefined ? {} : { total }) };
  }
  const nowMs = floorToSecond(ctx.serverClock.nowOrLocalMs());
  const upperMs = ctx.config.endDateMs === undefined ? nowMs : Math.min(nowMs, ctx.config.endDateMs);
  if (upperMs <= start.secondMs) return { slices: [{ start }] };
  const plan = await planSlices({ ...common, start, upperMs, pageSize: ctx.config.pageSize, maxSlices: ctx.config.maxConcurrency });
  return plan.slices.length > 1 ? { ...plan, upperMs } : plan;
}
