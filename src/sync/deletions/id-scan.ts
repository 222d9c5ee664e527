import { BadRequestError, NotFoundError } from '../../http/errors.js';
import type { Query, StreamDefinition } from '../../streams/types.js';
import { walkTable } from '../full-table/table-walks.js';
import type { SyncContext } from '../sync-context.js';
import { IdSet } from './id-set.js';

/** Every id the list serves now, by the stream's scan walk (a narrow query: `include_fields=id` where it exists). */
export async function scanIds(
  ctx: SyncContext,
  definition: StreamDefinition,
  extraQuery: Query = {},
): Promise<{ ids: IdSet; total?: number }> {
  const deletions = definition.deletions!;
  const ids = new IdSet();
  let total: number | undefined;
  const walk = walkTable({
    client: ctx.client,
    definition,
    walk: deletions.scan.walk,
    pageSize: ctx.config.pageSize,
    afterId: null,
    listQuery: { ...deletions.scan.query, ...extraQuery },
    serverClock: ctx.serverClock,
    endpoint: `${definition.name}.scan`,
  });
  for await (const batch of walk) {
    for (const record of batch.records) ids.add(Number(record.id));
    if (batch.total !== undefined && total === undefined) total = batch.total;
  }
  return { ids, ...(total === undefined ? {} : { total }) };
}

/**
 * The candidates the API confirms absent: asked for by `id:in` in batches (the ones that come back are live,
 * a page walk having missed them), or one GET of the record's own path each (404: gone). Never a guess.
 */
export async function confirmAbsent(ctx: SyncContext, definition: StreamDefinition, candidates: number[]): Promise<number[]> {
  const confirm = definition.deletions!.confirm;
  const absent: number[] = [];
  if ('inParam' in confirm) {
    let unconfirmed = 0;
    for (let i = 0; i < candidates.length; i += confirm.batchSize) {
      const batch = candidates.slice(i, i + confirm.batchSize);
      const page = await ctx.client.get({
        apiVersion: definition.api,
        path: definition.path,
        query: { ...definition.deletions!.scan.query, [confirm.inParam]: batch.join(','), limit: confirm.batchSize },
        stream: definition.name,
        endpoint: `${definition.name}.confirm`,
      });
      const live = new Set(page.records.map((r) => Number(r.id)));
      const asked = new Set(batch);
      if ([...live].some((id) => !asked.has(id))) {
        // Ids not asked for came back: the list ignored the filter, and an id missing from it proves nothing.
        unconfirmed += batch.length;
        continue;
      }
      absent.push(...batch.filter((id) => !live.has(id)));
    }
    if (unconfirmed > 0) {
      ctx.logger.warn(
        `${definition.name}: the list ignores ${confirm.inParam} (ids not asked for came back), so ${unconfirmed} record(s) missing from the id scan can't be confirmed deleted: no tombstone for them this run; they are checked again next run.`,
      );
    }
    return absent;
  }
  for (const id of candidates) {
    const record = await getOne(ctx, definition, id);
    if (record === null) absent.push(id);
  }
  return absent;
}

/** One record by its own path (`/v2/orders/{id}`), or null when the API answers 404. */
export async function getOne(ctx: SyncContext, definition: StreamDefinition, id: number): Promise<Record<string, unknown> | null> {
  try {
    const page = await ctx.client.get({
      apiVersion: definition.api,
      path: `${definition.path}/${id}`,
      query: {},
      stream: definition.name,
      endpoint: `${definition.name}.confirm`,
    });
    return page.records[0] ?? null;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/**
 * Archived records by the list filter that shows them (`is_deleted=true`, undocumented): null when the API
 * refuses it (400/422) or ignores it (a record without the flag came back: it listed live ones).
 */
export async function listArchived(
  ctx: SyncContext,
  definition: StreamDefinition,
  listQuery: Query,
): Promise<Record<string, unknown>[] | null> {
  const archive = definition.deletions!.archive!;
  const out: Record<string, unknown>[] = [];
  try {
    const walk = walkTable({
      client: ctx.client,
      definition,
      walk: definition.deletions!.scan.walk,
      pageSize: ctx.config.pageSize,
      afterId: null,
      listQuery: { ...listQuery, [archive.param]: archive.value },
      serverClock: ctx.serverClock,
      endpoint: `${definition.name}.archived`,
    });
    for await (const batch of walk) {
      if (batch.records.some((r) => r[archive.field] !== true)) return null;
      out.push(...batch.records);
    }
  } catch (error) {
    if (error instanceof BadRequestError) return null;
    throw error;
  }
  return out;
}
