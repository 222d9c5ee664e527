import type { ApiClient } from '../http/types.js';
import type { Logger } from '../logger.js';
import type { Query, StreamDefinition } from '../streams/types.js';
import { attachSubResources } from './subresources.js';
import type { StreamStats } from './sync-stats.js';

/** Share of a run's records falling back to per-record requests above which each reason is a warning. */
const FALLBACK_WARNING_SHARE = 0.01;

/**
 * Completes a walked stream's records with the fields it needs beyond the list (an order's line items,
 * addresses, coupons, consignments, fees): from what the list embeds (asked for with the definition's include)
 * where each record proves it complete, else from that record's own sub-resource requests. An API that ignores
 * the include is detected on the first page and the rest of the run uses the requests, with one warning.
 */
export class RecordCompletion {
  private readonly embeddable: ReadonlySet<string>;
  private isEmbeddingOn: boolean;
  private hasCheckedIgnored = false;
  private records = 0;
  private fallbackRecords = 0;
  private readonly reasons = new Map<string, number>();

  constructor(
    private readonly definition: StreamDefinition,
    private readonly needed: ReadonlySet<string>,
    private readonly ctx: { client: ApiClient; pageSize: number; logger: Logger; isEmbeddingAllowed: boolean; channelQuery: Query },
  ) {
    const fields = definition.embedded?.fields ?? [];
    this.embeddable = new Set(fields.filter((f) => needed.has(f)));
    this.isEmbeddingOn = ctx.isEmbeddingAllowed && this.embeddable.size > 0;
  }

  /** True when completing a batch costs requests per record (a needed field no list embeds). */
  hasPerRecordRequests(): boolean {
    return [...this.needed].some((f) => !this.isEmbeddingOn || !this.embeddable.has(f));
  }

  /** The list query: the definition's and the channel filter, plus the include for the embeddable fields while the API honours it. */
  listQuery(): Query {
    const embedded = this.definition.embedded;
    const base = { ...this.definition.query, ...this.ctx.channelQuery };
    return this.isEmbeddingOn && embedded ? { ...base, ...embedded.query(this.embeddable) } : base;
  }

  /** Fills every needed field of every record. */
  async complete(records: Record<string, unknown>[]): Promise<void> {
    if (this.needed.size === 0 || records.length === 0) return;
    this.records += records.length;
    const embedded = this.definition.embedded;
    if (this.isEmbeddingOn && embedded && !this.hasCheckedIgnored) {
      this.hasCheckedIgnored = true;
      if (embedded.isIgnored(records, this.embeddable)) {
        this.isEmbeddingOn = false;
        this.ctx.logger.warn(
          `${this.definition.name}: the API ignored include (${JSON.stringify(embedded.query(this.embeddable))}); reading ${[...this.embeddable].join(', ')} with one request per record for the rest of the run`,
        );
      }
    }
    const byMissing = new Map<string, Record<string, unknown>[]>();
    const needed = [...this.needed];
    for (const record of records) {
      let missing = needed;
      if (this.isEmbeddingOn && embedded) {
        const result = embedded.extract(record, this.embeddable);
        Object.assign(record, result.filled);
        missing = needed.filter((f) => !(f in result.filled));
        const reasons = Object.values(result.missing);
        if (reasons.length > 0) {
          this.fallbackRecords++;
          for (const reason of new Set(reasons)) this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
        }
      }
      if (missing.length === 0) continue;
      const key = missing.join(',');
      const group = byMissing.get(key);
      if (group === undefined) byMissing.set(key, [record]);
      else group.push(record);
    }
    await Promise.all(
      [...byMissing.entries()].map(([key, group]) => {
        const fields = new Set(key.split(','));
        const subs = this.definition.subResources.filter((s) => fields.has(s.field));
        return attachSubResources(this.ctx.client, this.definition, subs, group, this.ctx.pageSize, this.ctx.logger);
      }),
    );
  }

  /** The run's figures: a summary note, and a warning per fallback reason above 1% of the records. */
  report(stats: StreamStats): void {
    if (!this.definition.embedded || this.embeddable.size === 0 || this.records === 0) return;
    const embeddedCount = this.records - this.fallbackRecords;
    stats.notes = [
      ...(stats.notes ?? []),
      this.isEmbeddingOn || this.fallbackRecords > 0
        ? `${embeddedCount} of ${this.records} with ${[...this.embeddable].join(', ')} embedded, ${this.fallbackRecords} completed by per-record requests`
        : `${[...this.embeddable].join(', ')} read by per-record requests`,
    ];
    for (const [reason, count] of this.reasons) {
      this.ctx.logger.metric({
        type: 'counter',
        metric: 'embedded_fallback_count',
        value: count,
        tags: { stream: this.definition.name, reason },
      });
      if (count / this.records > FALLBACK_WARNING_SHARE) {
        this.ctx.logger.warn(
          `${this.definition.name}: ${count} of ${this.records} records (${((100 * count) / this.records).toFixed(1)}%) fell back to per-record requests because ${reason}`,
        );
      }
    }
  }
}
