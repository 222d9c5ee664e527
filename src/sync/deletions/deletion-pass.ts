import { formatInstant } from '../../dates.js';
import type { DeletionState } from '../../state.js';
import type { StreamDefinition } from '../../streams/types.js';
import type { TapEvent } from '../events.js';
import type { GroupWriter } from '../group-writer.js';
import type { StreamGroup } from '../stream-group.js';
import type { SyncContext } from '../sync-context.js';
import { DELETED_AT } from './deleted-at-column.js';
import { confirmAbsent, getOne, listArchived, scanIds } from './id-scan.js';
import { IdSet } from './id-set.js';

interface PassResult {
  kind: 'hard' | 'archive';
  /** Records the store holds now, by the scan (or the API's total). */
  storeHolds: number;
  /** Records the warehouse holds after this run, if every run was loaded. */
  warehouseHolds: number;
  tombstones: number;
  archivedWritten: number;
}

/**
 * At the end of an incremental stream, notices what the walk can't see: records deleted since the last scan
 * (a tombstone each: the key and `_sdc_deleted_at`) and records archived (written once more, flag set). The ids
 * known to exist are the last scan's plus every id written since, kept in STATE as compact ranges; the new ones
 * are saved only once the pass completes, so a pass killed midway is simply done again by the next run.
 */
export async function* detectDeletions(ctx: SyncContext, group: StreamGroup, writer: GroupWriter): AsyncGenerator<TapEvent> {
  const { definition } = group.parent;
  const deletions = definition.deletions;
  if (!deletions || !ctx.config.detectDeletes || !group.isParentWritten) return;
  const name = definition.name;
  const saved = ctx.state.bookmarks[name]?.deletions;
  const known = IdSet.decode(saved?.known);
  known.addAll(writer.writtenIds);
  const nowMs = ctx.serverClock.nowOrLocalMs();
  const save = (next: Omit<DeletionState, 'known'> & { known: IdSet }) => {
    const bookmark = ctx.state.bookmarks[name] ?? {};
    ctx.state.bookmarks[name] = { ...bookmark, deletions: { ...next, known: next.known.encode() } };
  };
  if (saved?.scannedAtMs !== undefined && nowMs - saved.scannedAtMs < ctx.config.deleteScanIntervalMs) {
    save({ ...saved, known });
    return;
  }
  const result =
    deletions.kind === 'hard'
      ? yield* hardDeletes(ctx, definition, known, saved === undefined, nowMs)
      : yield* archives(ctx, definition, writer, known, IdSet.decode(saved?.archived));
  save({ known: result.known, ...(result.archived ? { archived: result.archived.encode() } : {}), scannedAtMs: nowMs });
  reconcile(ctx, name, result);
}

async function* hardDeletes(
  ctx: SyncContext,
  definition: StreamDefinition,
  known: IdSet,
  isFirstScan: boolean,
  nowMs: number,
): AsyncGenerator<TapEvent, PassResult & { known: IdSet; archived?: IdSet }> {
  const scan = await scanIds(ctx, definition);
  // The first scan only records the ids: there is nothing to compare it with.
  const candidates = isFirstScan ? [] : known.minus(scan.ids);
  const absent = new Set(await confirmAbsent(ctx, definition, candidates));
  const deletedAt = formatInstant(nowMs);
  const timeExtracted = new Date(ctx.clock.now()).toISOString();
  for (const id of absent) {
    yield { type: 'record', stream: definition.name, record: { [definition.key[0] ?? 'id']: id, [DELETED_AT]: deletedAt }, timeExtracted };
  }
  const live = IdSet.of(scan.ids);
  for (const id of candidates) if (!absent.has(id)) live.add(id);
  return {
    kind: 'hard',
    known: live,
    storeHolds: scan.total ?? scan.ids.size,
    warehouseHolds: live.size,
    tombstones: absent.size,
    archivedWritten: 0,
  };
}

/**
 * Archived records (orders): listed by the archive filter when the API honours it, else found by comparing the
 * live ids with the known ones and reading each candidate by its own path. Each is written once (its id kept in
 * the archived set), as a full record with its flag set and `_sdc_deleted_at` absent: a hard-delete target
 * keeps the row.
 */
async function* archives(
  ctx: SyncContext,
  definition: StreamDefinition,
  writer: GroupWriter,
  known: IdSet,
  archived: IdSet,
): AsyncGenerator<TapEvent, PassResult & { known: IdSet; archived?: IdSet }> {
  const field = definition.deletions!.archive!.field;
  let found = await listArchived(ctx, definition, writer.completion.listQuery());
  let storeHolds: number | undefined;
  if (found === null) {
    ctx.logger.info(`${definition.name}: the API ignores or refuses the archived-records filter; comparing ids instead`);
    const scan = await scanIds(ctx, definition);
    storeHolds = scan.total ?? scan.ids.size;
    found = [];
    for (const id of known.minus(scan.ids)) {
      if (archived.has(id)) continue;
      const record = await getOne(ctx, definition, id);
      if (record === null) known.delete(id);
      else if (record[field] === true) found.push(record);
    }
  }
  const fresh = found.filter((r) => !archived.has(Number(r.id)));
  yield* await writer.write(fresh);
  for (const record of fresh) {
    archived.add(Number(record.id));
    known.delete(Number(record.id));
  }
  const liveCount = known.size;
  return {
    kind: 'archive',
    known,
    archived,
    storeHolds: storeHolds ?? liveCount + archived.size,
    warehouseHolds: liveCount + archived.size,
    tombstones: 0,
    archivedWritten: fresh.length,
  };
}

function reconcile(ctx: SyncContext, name: string, result: PassResult): void {
  const stats = ctx.statsOf(name);
  stats.notes = [
    ...(stats.notes ?? []),
    `store holds ${result.storeHolds}, warehouse should hold ${result.warehouseHolds}, ` +
      (result.kind === 'hard' ? `${result.tombstones} tombstones` : `${result.archivedWritten} newly archived written`),
  ];
  for (const [metric, value] of [
    ['store_record_count', result.storeHolds],
    ['warehouse_record_count', result.warehouseHolds],
    ['tombstone_count', result.tombstones],
  ] as const) {
    ctx.logger.metric({ type: 'counter', metric, value, tags: { stream: name } });
  }
  if (result.storeHolds !== result.warehouseHolds) {
    ctx.logger.warn(
      `${name}: the store holds ${result.storeHolds} records but the warehouse should hold ${result.warehouseHolds} after this run: records changed while they were counted, or a run's output was not loaded; the next scan reconciles them.`,
    );
  }
}
