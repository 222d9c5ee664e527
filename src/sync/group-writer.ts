import type { TapConfig } from '../config.js';
import { ForbiddenError } from '../http/errors.js';
import type { ApiClient } from '../http/types.js';
import type { Logger } from '../logger.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import { channelQuery, channelRecordFilter } from './channel-filter.js';
import { IdSet } from './deletions/id-set.js';
import type { TapEvent } from './events.js';
import { fetchAllPages } from './fetch-all-pages.js';
import { RecordCompletion } from './record-completion.js';
import { createRecordPipeline, type RecordPipeline } from './record-pipeline.js';
import { schemaEventOf } from './schema-event.js';
import type { StreamGroup } from './stream-group.js';
import type { StreamStats } from './sync-stats.js';

/** One stream a group writes, with its pipeline and figures. */
interface Member {
  selected: SelectedStream;
  pipeline: RecordPipeline;
  stats: StreamStats;
}

export interface WriteOptions {
  /** The full-table version the records belong to (ACTIVATE_VERSION). */
  version?: number;
  /** Whether a parent record is new for the stream named (a stream whose bookmark is ahead skips it). */
  isNewFor?: (stream: string, record: Record<string, unknown>) => boolean;
}

/**
 * Turns a batch of the walked stream's raw records into record events for every stream of the group:
 * completes the parent (its selected sub-resources), fetches or extracts each selected child's records, then
 * normalizes, selects fields and validates each stream's records (a batch is checked whole before any of
 * it is written).
 */
export class GroupWriter {
  private readonly parent: Member | null;
  private children: Member[];
  readonly completion: RecordCompletion;
  /** Ids of the walked stream's records written this run (deletion detection knows they exist). */
  readonly writtenIds = new IdSet();
  /** The tap-side `channel_ids` filter, when the list query can't apply it. */
  private readonly isInChannels: ((record: Record<string, unknown>) => boolean) | null;

  constructor(
    private readonly group: StreamGroup,
    private readonly ctx: { client: ApiClient; config: TapConfig; logger: Logger; now: () => number },
    statsOf: (stream: string) => StreamStats,
  ) {
    const member = (selected: SelectedStream): Member => ({
      selected,
      pipeline: createRecordPipeline(selected, ctx.config.onInvalidRecord, ctx.logger),
      stats: statsOf(selected.definition.name),
    });
    this.parent = group.isParentWritten ? member(group.parent) : null;
    this.children = group.children.map(member);
    this.completion = new RecordCompletion(group.parent.definition, this.neededFields(), {
      client: ctx.client,
      pageSize: ctx.config.pageSize,
      logger: ctx.logger,
      isEmbeddingAllowed: ctx.config.embeddedDetails,
      channelQuery: channelQuery(group.parent.definition, ctx.config.channelIds),
    });
    this.isInChannels = channelRecordFilter(group.parent.definition, ctx.config.channelIds);
  }

  /** Sub-resource fields to fill: the parent's selected ones (when written) and those embedded children read. */
  private neededFields(): Set<string> {
    const { definition, selectedFields } = this.group.parent;
    const needed = new Set<string>();
    if (this.parent) for (const s of definition.subResources) if (!selectedFields || selectedFields.has(s.field)) needed.add(s.field);
    for (const child of this.children) {
      const r = child.selected.definition.replication;
      if (r.method === 'CHILD' && r.yields.kind === 'embedded') needed.add(r.yields.field);
    }
    return needed;
  }

  /** True when writing a batch costs requests per record (sub-resources, per-parent children). */
  hasPerRecordRequests(): boolean {
    const fields = this.group.parent.selectedFields;
    const hasSubResources = this.parent !== null && this.group.parent.definition.subResources.some((s) => !fields || fields.has(s.field));
    return (
      hasSubResources ||
      this.children.some(
        (c) => c.selected.definition.replication.method === 'CHILD' && c.selected.definition.replication.yields.kind === 'per-parent',
      )
    );
  }

  /** SCHEMA for every stream the group writes. */
  schemaEvents(): TapEvent[] {
    return [...(this.parent ? [this.parent] : []), ...this.children].map(({ selected }) => schemaEventOf(selected));
  }

  /** Record events for one batch of the walked stream's raw records. */
  async write(batch: Record<string, unknown>[], options: WriteOptions = {}): Promise<TapEvent[]> {
    const raws = this.isInChannels ? batch.filter(this.isInChannels) : batch;
    if (raws.length === 0) return [];
    const childRecords = new Map<Member, Record<string, unknown>[]>();
    const newFor = (member: Member) =>
      options.isNewFor ? raws.filter((r) => options.isNewFor!(member.selected.definition.name, r)) : raws;
    await Promise.all([
      this.completion.complete(raws),
      ...this.children.filter(isPerParent).map(async (c) => childRecords.set(c, await this.readableChildRaws(c, newFor(c)))),
    ]);
    for (const child of this.children.filter((c) => !isPerParent(c))) childRecords.set(child, await this.childRaws(child, newFor(child)));
    const events: TapEvent[] = [];
    const timeExtracted = new Date(this.ctx.now()).toISOString();
    const emit = (member: Member, records: Record<string, unknown>[]) => {
      const name = member.selected.definition.name;
      for (const record of member.pipeline(records)) {
        events.push(
          options.version === undefined
            ? { type: 'record', stream: name, record, timeExtracted }
            : { type: 'record', stream: name, record, timeExtracted, version: options.version },
        );
      }
      member.stats.records += records.length;
    };
    if (this.parent) {
      const written = newFor(this.parent);
      if (this.group.parent.definition.deletions) for (const r of written) this.writtenIds.add(Number(r.id));
      emit(this.parent, written);
    }
    // Children dropped while this batch was read write nothing.
    for (const child of this.children) emit(child, childRecords.get(child) ?? []);
    return events;
  }

  /** Whether the group still writes this stream (a child the token can't read is dropped from it). */
  isWriting(stream: string): boolean {
    return this.parent?.selected.definition.name === stream || this.children.some((c) => c.selected.definition.name === stream);
  }

  /**
   * A per-parent child's records; a 403 on a child that isn't core (unless `strict_scopes`) drops it from the
   * group for the rest of the run, marked skipped: the parent and the other children go on.
   */
  private async readableChildRaws(child: Member, parents: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    try {
      return await this.childRaws(child, parents);
    } catch (error) {
      if (!(error instanceof ForbiddenError) || this.ctx.config.strictScopes || child.selected.definition.isCore) throw error;
      this.children = this.children.filter((c) => c !== child);
      child.stats.status = 'skipped';
      child.stats.error ??= error.message;
      return [];
    }
  }

  /** A child's raw records for these parents: embedded in them, or one request per parent that may have any. */
  private async childRaws(child: Member, parents: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    const replication = child.selected.definition.replication;
    if (replication.method !== 'CHILD') return [];
    const yields = replication.yields;
    const parentIdField = replication.parentIdField;
    const withParentId = (parent: Record<string, unknown>, records: Record<string, unknown>[]) =>
      parentIdField === undefined
        ? records
        : records.map((r) => (r[parentIdField] === undefined ? { ...r, [parentIdField]: parent.id } : r));
    if (yields.kind === 'embedded') {
      return parents.flatMap((parent) => {
        const value = parent[yields.field];
        return withParentId(parent, Array.isArray(value) ? (value as Record<string, unknown>[]) : []);
      });
    }
    const name = child.selected.definition.name;
    const lists = await Promise.all(
      parents.map(async (parent) => {
        if (yields.isProvablyEmpty?.(parent)) return [];
        const path = yields.path(parent);
        const list = await fetchAllPages(this.ctx.client, {
          api: yields.api,
          path,
          stream: name,
          endpoint: name,
          pageSize: this.ctx.config.pageSize,
        });
        if (list === null) this.ctx.logger.warn(`${name}: ${path} returned 404 (deleted meanwhile?); no ${name} for it`);
        return withParentId(parent, list ?? []);
      }),
    );
    return lists.flat();
  }
}

const isPerParent = (member: Member): boolean => {
  const r = member.selected.definition.replication;
  return r.method === 'CHILD' && r.yields.kind === 'per-parent';
};
