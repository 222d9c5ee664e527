import { floorToSecond, formatFilterInstant } from '../../dates.js';
import type { SliceProgress } from '../../state.js';
import type { IncrementalReplication } from '../../streams/types.js';
import { countRecords } from '../count-records.js';
import type { GroupWriter } from '../group-writer.js';
import type { StreamGroup } from '../stream-group.js';
import type { SyncContext } from '../sync-context.js';
import type { WalkBatch, WalkCursor } from './keyset-steps.js';
import { walkIncremental } from './keyset-walk.js';
import { planSlices } from './slice-plan.js';
import { walkSplitWindow, walkWindowPages } from './window-walks.js';

export interface PlannedWalk {
  /** The walk's sources (several parallel slices for a keyset walk), with where each starts and its first second. */
  walkers: Array<{ start: WalkCursor; fromMs: number; walk: AsyncGenerator<WalkBatch> }>;
  /** Records in the window, when the API said it before walking. */
  total?: number;
}

/**
 * The walk an incremental group needs: by keyset (in parallel slices when nothing is fetched per record,
 * which keeps the concurrency busy already, and the window holds enough records to be worth the planning
 * requests), by split window, or by window pages.
 */
export async function planIncrementalWalk(
  ctx: SyncContext,
  group: StreamGroup,
  writer: GroupWriter,
  start: WalkCursor,
  savedSlices?: SliceProgress[],
): Promise<PlannedWalk> {
  const { definition } = group.parent;
  const replication = definition.replication as IncrementalReplication;
  const base = {
    client: ctx.client,
    definition,
    pageSize: ctx.config.pageSize,
    start,
    serverClock: ctx.serverClock,
    logger: ctx.logger,
    ...(ctx.config.endDateMs === undefined ? {} : { endDateMs: ctx.config.endDateMs }),
  };
  const one = (walk: AsyncGenerator<WalkBatch>) => ({ walkers: [{ start, fromMs: start.secondMs, walk }] });
  if (replication.walk.kind === 'split-window') return one(walkSplitWindow(base));
  if (replication.walk.kind === 'window-pages') return one(walkWindowPages(base));
  const keyset = { ...base, listQuery: () => writer.completion.listQuery() };
  if (savedSlices && savedSlices.length > 0) return resumeSlices(keyset, start, savedSlices);
  const common = { client: ctx.client, definition, serverClock: ctx.serverClock, logger: ctx.logger };
  if (writer.hasPerRecordRequests() || ctx.config.maxConcurrency < 2) {
    const filters = { [replication.window.min]: formatFilterInstant(start.secondMs) };
    const total = definition.countPath ? await countRecords({ ...common, filters, endpoint: `${definition.name}.count` }) : undefined;
    return { ...one(walkIncremental(keyset)), ...(total === undefined ? {} : { total }) };
  }
  const nowMs = floorToSecond(ctx.serverClock.nowOrLocalMs());
  const upperMs = ctx.config.endDateMs === undefined ? nowMs : Math.min(nowMs, ctx.config.endDateMs);
  if (upperMs <= start.secondMs) return one(walkIncremental(keyset));
  const plan = await planSlices({
    ...common,
    start,
    upperMs,
    pageSize: ctx.config.pageSize,
    maxSlices: ctx.config.maxConcurrency,
    listQuery: writer.completion.listQuery(),
  });
  const isSliced = plan.slices.length > 1;
  const walkers = plan.slices.map((slice, i) => ({
    start: slice.start,
    fromMs: slice.start.secondMs,
    walk: walkIncremental({
      ...keyset,
      start: slice.start,
      ...(slice.endMs !== undefined ? { sliceEndMs: slice.endMs } : {}),
      // The slices were cut inside [start, upper]: the last one ends there too.
      ...(isSliced && i === plan.slices.length - 1 ? { endDateMs: upperMs } : {}),
    }),
  }));
  return { walkers, ...(plan.total === undefined ? {} : { total: plan.total }) };
}

/**
 * The slices of an interrupted run, as its STATE left them: the first from the bookmark to the next slice's first
 * second, each later one from where it got (finished ones skipped); the last one runs to the new window's end.
 */
function resumeSlices(keyset: Parameters<typeof walkIncremental>[0], start: WalkCursor, saved: SliceProgress[]): PlannedWalk {
  const bounds = [
    { fromMs: start.secondMs, cursor: start, isDone: false },
    ...saved.map((s) => ({ fromMs: s.fromMs, cursor: s.cursor ?? { secondMs: s.fromMs, position: null }, isDone: s.isDone === true })),
  ];
  const walkers: PlannedWalk['walkers'] = [];
  bounds.forEach((slice, i) => {
    if (slice.isDone) return;
    const endMs = bounds[i + 1]?.fromMs;
    walkers.push({
      start: slice.cursor,
      fromMs: slice.fromMs,
      walk: walkIncremental({ ...keyset, start: slice.cursor, ...(endMs === undefined ? {} : { sliceEndMs: endMs }) }),
    });
  });
  return { walkers };
}
