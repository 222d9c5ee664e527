/**
 * Changes to the store after it was generated: live changes while a sync runs (modify, create, delete,
 * archive), and the deletions and archives a test asks for through the handle.
 */
import { ARCHIVED, type Collection, DELETED } from './collection.js';
import type { JsonObject } from './data/context.js';
import type { LiveChanges, ResolvedOptions } from './options.js';
import { hash32, PURPOSE_TAG, Rng } from './random.js';
import type { Store } from './store.js';

/** Draws this many times at most to find a record still there (deleted slots stay in the index). */
const DRAWS = 16;

export class Mutations {
  private readonly rng: Rng;
  private listRequests = 0;

  constructor(
    private readonly store: Store,
    private readonly options: ResolvedOptions,
  ) {
    this.rng = new Rng(hash32(options.seed, PURPOSE_TAG.live));
  }

  /** Counts a list request and applies live changes every `everyRequests` of them. */
  afterListRequest(): void {
    const live = this.options.liveChanges;
    if (live === null) return;
    this.listRequests++;
    if (this.listRequests % live.everyRequests === 0) this.applyLiveChanges(live);
  }

  /**
   * In each live collection (incremental streams): modifies `modify` random records (date_modified = now) and
   * creates `create`. Then deletes `delete` random records of every collection (full-table ones too: a deletion
   * shifts the pages of a page walk) and archives `archive` of each archivable one (orders).
   */
  applyLiveChanges(change: LiveChanges): void {
    const now = this.store.nowSec();
    const collections = this.store.streams().flatMap(({ spec }) => (spec.kind === 'collection' ? [spec] : []));
    for (const spec of collections.filter((s) => s.isLive)) {
      const c = this.store.collection(spec.stream);
      for (let i = 0; i < change.modify && c.count > 0; i++) {
        const slot = this.drawLive(c, true); // archived orders stay as they were archived
        if (slot >= 0) c.touch(slot, Math.max(now, c.createdSec[slot] ?? 0));
      }
      for (let i = 0; i < change.create; i++) c.create(c.lastId() + 1, now, now);
    }
    for (const spec of collections) {
      const c = this.store.collection(spec.stream);
      for (let i = 0; i < (change.delete ?? 0); i++) {
        const slot = this.drawLive(c);
        if (slot >= 0) c.setFlag(slot, DELETED);
      }
      if (spec.archive === undefined) continue;
      for (let i = 0; i < (change.archive ?? 0); i++) {
        const slot = this.drawLive(c, true);
        if (slot >= 0) this.archiveSlot(spec.stream, c, slot, this.options.archiveTouchesRecord, now);
      }
    }
    this.store.revision++;
  }

  /** A random slot holding a record (not archived, when asked), or -1. */
  private drawLive(c: Collection, isNotArchived = false): number {
    if (c.count === 0) return -1;
    for (let draw = 0; draw < DRAWS; draw++) {
      const slot = this.rng.int(0, c.count - 1);
      if (c.isLive(slot) && !(isNotArchived && c.hasFlag(slot, ARCHIVED))) return slot;
    }
    return -1;
  }

  private archiveSlot(stream: string, c: Collection, slot: number, touch: boolean, now: number): void {
    if (c.hasFlag(slot, ARCHIVED)) return;
    if (touch) {
      this.store.markArchiveTouch(stream, slot, c.modifiedSec[slot] ?? 0);
      c.touch(slot, Math.max(now, c.createdSec[slot] ?? 0), false);
    }
    c.setFlag(slot, ARCHIVED);
  }

  /**
   * Deletes records of any stream by id (a snapshot's ids); throws a RangeError naming an id the stream doesn't
   * hold, or a single object (`store`), which can't be deleted.
   */
  deleteRecords(stream: string, ids: ReadonlyArray<number | string>): void {
    const { spec } = this.store.stream(stream);
    if (spec.kind === 'singleton') throw new RangeError(`sandbox stream "${stream}" is one object: it can't be deleted`);
    const numbers = ids.map((id) => {
      if (typeof id !== 'number') throw new RangeError(`sandbox stream "${stream}" holds no record ${id}`);
      return id;
    });
    if (spec.kind !== 'collection') {
      this.store.children.delete(stream, numbers);
    } else {
      const c = this.store.collection(stream);
      const slots = numbers.map((id) => {
        const slot = c.slotOf(id);
        if (slot < 0) throw new RangeError(`sandbox stream "${stream}" holds no record ${id}`);
        return slot;
      });
      for (const slot of slots) c.setFlag(slot, DELETED);
    }
    this.store.revision++;
  }

  /**
   * Edits one child of a derived stream embedded in its parent's body (a variant: its product's `variants`),
   * leaving the parent's date_modified and version alone. Throws a RangeError naming a stream whose children
   * can't be edited, a missing id, or a field the child doesn't have or can't change.
   */
  editChild(stream: string, childId: number, changes: JsonObject): void {
    const { spec } = this.store.stream(stream);
    if (spec.kind !== 'derived' || spec.embeddedIn === undefined) {
      throw new RangeError(`sandbox stream "${stream}" has no records that can be edited on their own`);
    }
    const child = this.store.children.all(stream).find((c) => c.id === childId);
    if (child === undefined) throw new RangeError(`sandbox stream "${stream}" holds no record ${childId}`);
    const { field, readOnly, edit } = spec.embeddedIn;
    for (const name of Object.keys(changes)) {
      if (!(name in child.body)) throw new RangeError(`sandbox stream "${stream}" records have no field "${name}"`);
      if (readOnly.includes(name)) throw new RangeError(`sandbox stream "${stream}": field "${name}" is read-only`);
    }
    this.store.embeddedEdits.add(spec.parent, child.parentId, field, childId, changes, edit);
    this.store.revision++;
  }

  /**
   * Archives records of a stream with an archive (orders: `is_deleted: true`, hidden from the list unless
   * asked for); `touch` sets their date_modified to now. Throws naming a missing id or a stream without archive.
   */
  archive(stream: string, ids: readonly number[], touch: boolean): void {
    if (this.store.collectionSpec(stream).archive === undefined) throw new RangeError(`sandbox stream "${stream}" has no archive`);
    const c = this.store.collection(stream);
    const now = this.store.nowSec();
    const slots = ids.map((id) => {
      const slot = this.store.liveSlotOf(stream, id);
      if (slot < 0) throw new RangeError(`sandbox stream "${stream}" holds no record ${id}`);
      return slot;
    });
    for (const slot of slots) this.archiveSlot(stream, c, slot, touch, now);
    this.store.revision++;
  }
}
