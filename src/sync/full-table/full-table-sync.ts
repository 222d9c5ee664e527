import { channelQuery } from '../channel-filter.js';
import { countRecords } from '../count-records.js';
import type { TapEvent } from '../events.js';
import type { GroupWriter } from '../group-writer.js';
import { mergeWalks } from '../merge-walks.js';
import type { StreamGroup } from '../stream-group.js';
import { type SyncContext, stateEvent } from '../sync-context.js';
import { walkTable } from './table-walks.js';

/** Walks of one table in one run before an unproven page walk leaves the version open. */
const MAX_WALKS = 3;

/**
 * A full-table stream, framed by ACTIVATE_VERSION per the Singer convention (singer-io taps, the Meltano SDK):
 * - at the start only on the stream's first-ever sync (no bookmark entry at all, even `{}`), so the table
 *   appears at once; a later run leaves the previous version in place while it writes the new one;
 * - at the end of every completed sync whose walk is proven complete: targets then drop the rows of older
 *   versions. A failed run never closes its version, so a warehouse table is never emptied or left partial.
 * The version stays in STATE after completion; an interrupted by-id walk resumes after its last id with the
 * same version (page walks restart within the same version).
 */
export async function* syncFullTableGroup(ctx: SyncContext, group: StreamGroup, writer: GroupWriter): AsyncGenerator<TapEvent> {
  const { definition } = group.parent;
  const replication = definition.replication;
  if (replication.method !== 'FULL_TABLE') throw new Error(`stream ${definition.name} is not full table`);
  const name = definition.name;
  const saved = ctx.state.bookmarks[name];
  const isFirstSync = saved === undefined;
  const isResuming = saved?.lastId !== undefined;
  const useVersions = ctx.config.emitActivateVersionMessages;
  const version = isResuming && saved?.version !== undefined ? saved.version : ctx.clock.now();
  const stats = ctx.statsOf(name);
  ctx.logger.info(`${name}: full table sync${saved?.lastId !== undefined ? ` resuming after id ${saved.lastId}` : ''}`);
  stats.totalInWindow = await countRecords({
    client: ctx.client,
    definition,
    filters: {},
    serverClock: ctx.serverClock,
    logger: ctx.logger,
    endpoint: `${name}.count`,
  });
  if (useVersions && isFirstSync) yield { type: 'activate_version', stream: name, version };
  ctx.state.bookmarks[name] = useVersions ? { version } : {};

  let previousKeys: ReadonlySet<string> | undefined;
  let afterId = saved?.lastId ?? null;
  // A walk again (to prove the table complete) writes only what the earlier walks of this run did not.
  const written = new Set<string>();
  const keyOf = (record: Record<string, unknown>) => definition.key.map((k) => String(record[k])).join('\u0000');
  for (let attempt = 1; ; attempt++) {
    const walk = walkTable({
      client: ctx.client,
      definition,
      walk: replication.walk,
      pageSize: ctx.config.pageSize,
      afterId,
      listQuery: { ...definition.query, ...channelQuery(definition, ctx.config.channelIds) },
      serverClock: ctx.serverClock,
      ...(previousKeys ? { previousKeys } : {}),
      onFallback: (reason) => {
        if (attempt === 1) ctx.logger.warn(`${name}: ${reason}`);
      },
    });
    let proof: { isComplete: boolean; reason?: string } = { isComplete: false, reason: 'the walk ended early' };
    // One source: mergeWalks fetches the next page while this one is written.
    for await (const event of mergeWalks([walk])) {
      if (event.isDone) continue;
      const batch = event.item;
      const records = attempt === 1 ? batch.records : batch.records.filter((r) => !written.has(keyOf(r)));
      // Page batches (a by-id walk may fall back to pages): a walk again must not write them twice.
      if (batch.lastId === null) for (const record of [...records, ...(batch.alreadyWritten ?? [])]) written.add(keyOf(record));
      yield* await writer.write(records, useVersions ? { version } : {});
      if (batch.proof) proof = batch.proof;
      if (batch.keys) previousKeys = batch.keys;
      ctx.state.bookmarks[name] = { ...(batch.lastId === null ? {} : { lastId: batch.lastId }), ...(useVersions ? { version } : {}) };
      ctx.reportProgress();
      if (batch.records.length > 0 && ctx.isStateDue()) yield stateEvent(ctx.state);
    }
    if (proof.isComplete) break;
    if (attempt >= MAX_WALKS) {
      ctx.logger.warn(
        `${name}: could not prove the table was read completely (${proof.reason}); the table version is left open (no rows are deleted in the target) and the next run reads it again.`,
      );
      ctx.state.bookmarks[name] = { ...(useVersions ? { version } : {}) };
      return;
    }
    ctx.logger.info(`${name}: walking the table again to prove it complete (${proof.reason})`);
    afterId = null;
  }
  if (useVersions) yield { type: 'activate_version', stream: name, version };
  ctx.state.bookmarks[name] = useVersions ? { version } : {};
}
