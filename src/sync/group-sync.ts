import type { TapEvent } from './events.js';
import { syncFullTableGroup } from './full-table/full-table-sync.js';
import { GroupWriter } from './group-writer.js';
import { syncIncrementalGroup } from './incremental/incremental-sync.js';
import type { StreamGroup } from './stream-group.js';
import { type SyncContext, stateEvent } from './sync-context.js';

/** SCHEMA for every stream the group writes, then RECORDs and STATEs from the parent's walk, then a final STATE. */
export async function* syncGroup(ctx: SyncContext, group: StreamGroup): AsyncGenerator<TapEvent> {
  const { definition } = group.parent;
  ctx.state.currentlySyncing = definition.name;
  const writer = new GroupWriter(group, { client: ctx.client, config: ctx.config, logger: ctx.logger, now: () => ctx.clock.now() }, (s) =>
    ctx.statsOf(s),
  );
  yield* writer.schemaEvents();
  yield stateEvent(ctx.state);
  const replication = definition.replication;
  if (replication.method === 'FULL_TABLE') {
    yield* syncFullTableGroup(ctx, group, writer);
  } else if (replication.method === 'INCREMENTAL') {
    yield* syncIncrementalGroup(ctx, group, writer);
  } else {
    throw new Error(`stream ${definition.name} replicates with its parent ${replication.parent}: it is synced in that group`);
  }
  ctx.state.currentlySyncing = null;
  yield stateEvent(ctx.state);
}
