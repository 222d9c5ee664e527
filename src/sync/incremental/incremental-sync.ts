import { floorToSecond, formatInstant } from '../../dates.js';
import type { IncrementalReplication } from '../../streams/types.js';
import { detectDeletions } from '../deletions/deletion-pass.js';
import type { TapEvent } from '../events.js';
import type { GroupWriter } from '../group-writer.js';
import { mergeWalks } from '../merge-walks.js';
import type { StreamGroup } from '../stream-group.js';
import { type SyncContext, stateEvent } from '../sync-context.js';
import type { WalkCursor } from './keyset-steps.js';
import { MemberCursors } from './member-cursors.js';
import { planIncrementalWalk } from './walk-plan.js';

/** Seconds this close to the window's upper end may still receive records: their position isn't kept. */
const LIVE_EDGE_MS = 2000;

/**
 * An incremental group: the parent walked from the earliest bookmark of the streams it writes (`MemberCursors`),
 * batches written for every stream of the group, bookmarks following the walk's frontier: with parallel slices,
 * the first unfinished slice's cursor (every slice before it is complete).
 */
export async function* syncIncrementalGroup(ctx: SyncContext, group: StreamGroup, writer: GroupWriter): AsyncGenerator<TapEvent> {
  const { definition } = group.parent;
  const { replicationKey } = definition.replication as IncrementalReplication;
  const channelIds = definition.channels ? ctx.config.channelIds : undefined;
  const cursors = new MemberCursors(group, ctx.state, ctx.config.startDateMs, replicationKey, channelIds, (stream) =>
    ctx.logger.info(`${stream}: channel_ids now names channels its bookmark didn't cover: reading it again from start_date`),
  );
  const { start } = cursors;
  ctx.logger.info(
    `${definition.name}: ${cursors.isFullTable ? 'full table' : 'incremental'} sync from ${replicationKey} ${formatInstant(start.secondMs)}${start.position ? ` (resuming inside that second at ${JSON.stringify(start.position)})` : ''}`,
  );
  const isNewFor = cursors.isNewFor();
  let liveEdgeMs = ctx.serverClock.nowMs();
  const plan = await planIncrementalWalk(ctx, group, writer, start, cursors.savedSlices());
  const primary = ctx.statsOf(cursors.members[0] ?? definition.name);
  if (plan.total !== undefined) primary.totalInWindow = plan.total;
  const slices = plan.walkers.map((w) => ({ start: w.start, fromMs: w.fromMs, current: null as WalkCursor | null, isDone: false }));
  for await (const event of mergeWalks(plan.walkers.map((w) => w.walk))) {
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
    const frontierIndex = slices.findIndex((sl) => !sl.isDone);
    const frontier = slices[frontierIndex];
    const cursor = frontier ? (frontier.current ?? frontier.start) : [...slices].reverse().find((sl) => sl.current !== null)?.current;
    // The slices after the frontier keep their own progress in STATE, so a resumed run repeats none of it.
    const later = frontier
      ? slices
          .slice(frontierIndex + 1)
          .map((sl) => ({ fromMs: sl.fromMs, ...(sl.current ? { cursor: sl.current } : {}), ...(sl.isDone ? { isDone: true } : {}) }))
      : [];
    for (const member of cursors.members) if (!writer.isWriting(member)) cursors.detach(member);
    if (cursor) cursors.advance(cursor, later);
    ctx.reportProgress();
    if (!event.isDone && ctx.isStateDue()) yield stateEvent(ctx.state);
  }
  const last = [...slices].reverse().find((sl) => sl.current !== null)?.current;
  if (last?.position && liveEdgeMs !== null && last.secondMs >= floorToSecond(liveEdgeMs) - LIVE_EDGE_MS) {
    // The last second was still open when read: re-read it next time rather than trust a position in it.
    cursors.advance({ secondMs: last.secondMs, position: null });
  }
  yield* detectDeletions(ctx, group, writer);
  writer.completion.report(ctx.statsOf(definition.name));
  for (const member of cursors.members) {
    const final = cursors.finalSecondOf(member);
    if (final !== undefined) ctx.statsOf(member).finalBookmark = formatInstant(final);
  }
}
