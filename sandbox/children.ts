/**
 * Records of per-parent and derived streams: generated from their parent collection's records on demand, so
 * they always agree with the parent's bodies (a product's variants are the variants its body lists).
 */
import { Collection } from './collection.js';
import type { RecordSource } from './sources.js';
import type { Store } from './store.js';
import type { ChildRecord, DerivedSpec, PerParentSpec, RecordView } from './streams/spec.js';

/** A child with its dates resolved (the parent's unless the child has its own). */
export interface ResolvedChild {
  id: number;
  /** The parent record's id. */
  parentId: number;
  createdSec: number;
  modifiedSec: number;
  version: number;
  body: ChildRecord['body'];
}

type ChildSpec = PerParentSpec | DerivedSpec;

export class ChildSources {
  private readonly deleted = new Map<string, Set<number>>();
  private readonly derived = new Map<string, { revision: number; source: RecordSource }>();

  constructor(private readonly store: Store) {}

  private spec(stream: string): ChildSpec {
    const { spec } = this.store.stream(stream);
    if (spec.kind === 'collection' || spec.kind === 'singleton') {
      throw new RangeError(`sandbox stream "${stream}" is a ${spec.kind}, not a child stream`);
    }
    return spec;
  }

  private resolve(spec: ChildSpec, parent: RecordView): ResolvedChild[] {
    const gone = this.deleted.get(spec.stream);
    return spec
      .children(parent)
      .filter((child) => !gone?.has(child.id))
      .map((child) => ({
        id: child.id,
        parentId: parent.meta.id,
        createdSec: child.createdSec ?? parent.meta.createdSec,
        modifiedSec: child.modifiedSec ?? parent.meta.modifiedSec,
        version: parent.meta.version,
        body: child.body,
      }));
  }

  /** The children of one parent, or null when the parent doesn't exist (or was deleted). */
  ofParent(stream: string, parentId: number): ResolvedChild[] | null {
    const spec = this.spec(stream);
    const slot = this.store.liveSlotOf(spec.parent, parentId);
    return slot < 0 ? null : this.resolve(spec, this.store.view(spec.parent, slot));
  }

  /** Every child of every live parent, id ascending. */
  all(stream: string): ResolvedChild[] {
    const spec = this.spec(stream);
    const parents = this.store.collection(spec.parent);
    const out: ResolvedChild[] = [];
    for (let slot = 0; slot < parents.count; slot++) {
      if (parents.isLive(slot)) out.push(...this.resolve(spec, this.store.view(spec.parent, slot)));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /** A derived stream's list as an index to select from, rebuilt only after the store changed. */
  source(stream: string): RecordSource {
    const cached = this.derived.get(stream);
    if (cached !== undefined && cached.revision === this.store.revision) return cached.source;
    const children = this.all(stream);
    const collection = new Collection(children.length, this.store.tieKeyOf);
    for (const child of children) collection.push(child.id, child.createdSec, child.modifiedSec);
    collection.sortIndex();
    const ctx = this.store.ctx;
    const source: RecordSource = {
      collection,
      view: (slot) => {
        const { body, ...meta } = children[slot] as ResolvedChild;
        return { meta, ctx, body: () => body };
      },
    };
    this.derived.set(stream, { revision: this.store.revision, source });
    return source;
  }

  /** Deletes children by id; throws naming an id the stream doesn't hold. */
  delete(stream: string, ids: readonly number[]): void {
    const held = new Set(this.all(stream).map((child) => child.id));
    const gone = this.deleted.get(stream) ?? new Set<number>();
    for (const id of ids) {
      if (!held.has(id) && !gone.has(id)) throw new RangeError(`sandbox stream "${stream}" holds no record ${id}`);
      gone.add(id);
    }
    this.deleted.set(stream, gone);
  }
}
