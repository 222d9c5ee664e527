import { floorToSecond, formatFilterInstant } from '../../dates.js';
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
  /** The walk's sources (several parallel slices for a keyset walk), with where each starts. */
  walkers: Array<{ start: WalkCursor; walk: AsyncGenerator<WalkBatch> }>;
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
  if (replication.walk.kind === 'split-window') return { walkers: [{ start, walk: walkSplitWindow(base) }] };
  if (replication.walk.kind === 'window-pages') return { walkers: [{ start, walk: walkWindowPages(base) }] };
  const keyset = { ...base, listQuery: () => writer.completion.listQuery() };
  const common = { client: ctx.client, definition, serverClock: ctx.serverClock, logger: ctx.logger };
  if (writer.hasPerRecordRequests() || ctx.config.maxConcurrency < 2) {
    const filters = { [replication.window.min]: formatFilterInstant(start.secondMs) };
    const total = definition.countPath ? await countRecords({ ...common, filters, endpoint: `${definition.name}.count` }) : undefined;
    return { walkers: [{ start, walk: walkIncremental(keyset) }], ...(total === undefined ? {} : { total }) };
  }
  const nowMs = floorToSecond(ctx.serverClock.nowOrLocalMs());
  const upperMs = ctx.config.endDateMs === undefined ? nowMs : Math.min(nowMs, ctx.config.endDateMs);
  if (upperMs <= start.secondMs) return { walkers: [{ start, walk: walkIncremental(keyset) }] };
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
