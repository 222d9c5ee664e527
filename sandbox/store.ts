import { ChildSources } from './children.js';
import { ARCHIVED, type Collection } from './collection.js';
import type { GenContext, JsonObject, RecordMeta } from './data/context.js';
import { generateTimeline, tieKeyFunction } from './data/timeline.js';
import { EmbeddedEdits } from './embedded-edits.js';
import type { ResolvedOptions } from './options.js';
import type { ServedStream } from './served.js';
import type { CollectionSpec, RecordView } from './streams/spec.js';

/**
 * The in-memory store: one compact index per collection stream, record bodies generated from the seed on
 * demand (memoized unless `lazy`). Per-parent and derived streams have no index of their own: their records
 * come from their parent's (see `children.ts`). Changes (live changes, deletions, archives) go through
 * `mutations.ts`; each bumps `revision`.
 */
export class Store {
  readonly ctx: GenContext;
  readonly tieKeyOf: (id: number) => number;
  /** The records of per-parent and derived streams. */
  readonly children: ChildSources = new ChildSources(this);
  /** Edits of embedded children (a product's variants) that leave their parent's date_modified alone. */
  readonly embeddedEdits = new EmbeddedEdits();
  /** Bumped by every change: indexes derived from a parent are rebuilt when it moved. */
  revision = 0;
  private readonly served: ReadonlyMap<string, ServedStream>;
  private readonly collections = new Map<string, Collection>();
  private readonly cache: Map<string, JsonObject> | null;
  /** Per stream, slot -> date_modified before an archive touched it. */
  private readonly archiveTouches = new Map<string, Map<number, number>>();

  constructor(
    private readonly options: ResolvedOptions,
    streams: readonly ServedStream[],
    storeBaseUrl: string,
  ) {
    const nowSec = Math.floor(options.clock.now() / 1000);
    this.tieKeyOf = tieKeyFunction(options.seed, options.tieOrder);
    this.served = new Map(streams.map((s) => [s.definition.name, s]));
    for (const { spec } of streams) {
      if (spec.kind !== 'collection') continue;
      this.collections.set(spec.stream, generateTimeline(spec, options.sizes[spec.stream] ?? 0, options.seed, nowSec, this.tieKeyOf));
    }
    this.cache = options.lazy ? null : new Map();
    const collections = this.collections;
    const initialCounts = new Map([...collections].map(([name, c]) => [name, c.count]));
    this.ctx = {
      seed: options.seed,
      storeHash: options.storeHash,
      storeBaseUrl,
      generatedAtSec: nowSec,
      pickId(stream, rng) {
        const n = initialCounts.get(stream) ?? 0;
        return n === 0 ? 0 : (collections.get(stream)?.ids[rng.int(0, n - 1)] ?? 0);
      },
    };
  }

  nowSec(): number {
    return Math.floor(this.options.clock.now() / 1000);
  }

  /** The served stream of that name; throws a RangeError naming the streams there are. */
  stream(name: string): ServedStream {
    const served = this.served.get(name);
    if (served === undefined)
      throw new RangeError(`the sandbox serves no stream "${name}" (it serves ${[...this.served.keys()].join(', ')})`);
    return served;
  }

  streams(): ServedStream[] {
    return [...this.served.values()];
  }

  /** The index of a collection stream; throws for other kinds. */
  collection(name: string): Collection {
    const c = this.collections.get(name);
    if (c === undefined) throw new RangeError(`sandbox stream "${name}" is not a collection with records of its own`);
    return c;
  }

  collectionSpec(name: string): CollectionSpec {
    const { spec } = this.stream(name);
    if (spec.kind !== 'collection') throw new RangeError(`sandbox stream "${name}" is not a collection with records of its own`);
    return spec;
  }

  meta(stream: string, slot: number): RecordMeta {
    const c = this.collection(stream);
    return {
      id: c.ids[slot] ?? 0,
      createdSec: c.createdSec[slot] ?? 0,
      modifiedSec: c.modifiedSec[slot] ?? 0,
      version: c.versions[slot] ?? 0,
    };
  }

  /** Records an archive that moved a record's date_modified: its body stays the one it had before. */
  markArchiveTouch(stream: string, slot: number, previousModifiedSec: number): void {
    const touched = this.archiveTouches.get(stream) ?? new Map<number, number>();
    if (!touched.has(slot)) touched.set(slot, previousModifiedSec);
    this.archiveTouches.set(stream, touched);
  }

  /**
   * The full body of a record (every include present; archived ones marked; embedded children's own edits
   * applied). Callers must not mutate it.
   */
  body(stream: string, slot: number): JsonObject {
    const spec = this.collectionSpec(stream);
    const meta = this.meta(stream, slot);
    const archive = spec.archive !== undefined && this.collection(stream).hasFlag(slot, ARCHIVED) ? spec.archive : undefined;
    const build = (): JsonObject => {
      if (archive === undefined) return spec.body(this.ctx, meta);
      const before = this.archiveTouches.get(stream)?.get(slot);
      const body = spec.body(this.ctx, before === undefined ? meta : { ...meta, modifiedSec: before });
      const touched = before === undefined ? {} : { date_modified: archive.formatDate(meta.modifiedSec) };
      return { ...body, [archive.field]: true, ...touched };
    };
    const isArchived = archive !== undefined;
    if (this.cache === null) return this.embeddedEdits.apply(stream, meta.id, build());
    const key = `${stream}:${meta.id}:${meta.version}:${meta.modifiedSec}:${isArchived ? 1 : 0}`;
    let body = this.cache.get(key);
    if (body === undefined) {
      body = build();
      this.cache.set(key, body);
    }
    return this.embeddedEdits.apply(stream, meta.id, body);
  }

  /** A record of a collection as filters, sorts and hooks see it; the body is built once, on first use. */
  view(stream: string, slot: number): RecordView {
    const meta = this.meta(stream, slot);
    let body: JsonObject | undefined;
    return { meta, ctx: this.ctx, body: () => (body ??= this.body(stream, slot)) };
  }

  /** The live (not deleted) slot of an id in a collection, or -1. */
  liveSlotOf(stream: string, id: number): number {
    const c = this.collection(stream);
    const slot = c.slotOf(id);
    return c.isLive(slot) ? slot : -1;
  }
}
