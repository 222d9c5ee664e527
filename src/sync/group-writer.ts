import type { TapConfig } from '../config.js';
import type { ApiClient } from '../http/types.js';
import type { Logger } from '../logger.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import type { TapEvent } from './events.js';
import { fetchAllPages } from './fetch-all-pages.js';
import { createRecordPipeline, type RecordPipeline } from './record-pipeline.js';
import { schemaEventOf } from './schema-event.js';
import type { StreamGroup } from './stream-group.js';
import { attachSubResources } from './subresources.js';
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
  private readonly children: Member[];

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
  async write(raws: Record<string, unknown>[], options: WriteOptions = {}): Promise<TapEvent[]> {
    if (raws.length === 0) return [];
    const { definition } = this.group.parent;
    const fields = this.group.parent.selectedFields;
    const subResources = this.parent ? definition.subResources.filter((s) => !fields || fields.has(s.field)) : [];
    const { client, config, logger } = this.ctx;
    const childRecords = new Map<Member, Record<string, unknown>[]>();
    await Promise.all([
      attachSubResources(client, definition, subResources, raws, config.pageSize, logger),
      ...this.children.map(async (child) => {
        const newRaws = options.isNewFor ? raws.filter((r) => options.isNewFor!(child.selected.definition.name, r)) : raws;
        childRecords.set(child, await this.childRaws(child, newRaws));
      }),
    ]);
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
      const name = this.parent.selected.definition.name;
      emit(this.parent, options.isNewFor ? raws.filter((r) => options.isNewFor!(name, r)) : raws);
    }
    for (const child of this.children) emit(child, childRecords.get(child) ?? []);
    return events;
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
    if (yields.kind === 'embedded') return parents.flatMap((parent) => withParentId(parent, yields.children(parent)));
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
