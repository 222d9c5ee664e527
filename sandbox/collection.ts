/** Flag bits per record. A deleted record keeps its slot (so ids picked by other streams stay stable). */
export const DELETED = 1;
export const ARCHIVED = 2;

/**
 * The compact index of one stream: ids, creation and modification seconds, a body version and flags per
 * record, in typed arrays, plus a permutation sorted by (date_modified, tie key, id). Bodies are generated from
 * (seed, id, version) when served, so 100k records cost a few megabytes.
 *
 * Record positions ("slots") are insertion order. Ids only grow, so slot order is id order.
 */
export class Collection {
  count = 0;
  ids: Int32Array;
  createdSec: Float64Array;
  modifiedSec: Float64Array;
  versions: Int32Array;
  flags: Uint8Array;
  private tieKeys: Float64Array;
  /** Slots sorted by (modifiedSec, tie key, id). */
  private byModified: Int32Array;

  constructor(
    capacity: number,
    private readonly tieKeyOf: (id: number) => number,
  ) {
    const cap = Math.max(16, capacity);
    this.ids = new Int32Array(cap);
    this.createdSec = new Float64Array(cap);
    this.modifiedSec = new Float64Array(cap);
    this.versions = new Int32Array(cap);
    this.flags = new Uint8Array(cap);
    this.tieKeys = new Float64Array(cap);
    this.byModified = new Int32Array(cap);
  }

  private grow(): void {
    const cap = this.ids.length * 2;
    const copy = <T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.ids = copy(this.ids, new Int32Array(cap));
    this.createdSec = copy(this.createdSec, new Float64Array(cap));
    this.modifiedSec = copy(this.modifiedSec, new Float64Array(cap));
    this.versions = copy(this.versions, new Int32Array(cap));
    this.flags = copy(this.flags, new Uint8Array(cap));
    this.tieKeys = copy(this.tieKeys, new Float64Array(cap));
    this.byModified = copy(this.byModified, new Int32Array(cap));
  }

  /** Appends a record during initial generation; call `sortIndex()` once all are in. */
  push(id: number, createdSec: number, modifiedSec: number): number {
    if (this.count === this.ids.length) this.grow();
    const slot = this.count++;
    this.ids[slot] = id;
    this.createdSec[slot] = createdSec;
    this.modifiedSec[slot] = modifiedSec;
    this.versions[slot] = 0;
    this.flags[slot] = 0;
    this.tieKeys[slot] = this.tieKeyOf(id);
    this.byModified[slot] = slot;
    return slot;
  }

  /** Compares two slots in (date_modified, tie key, id) order. */
  compareModified(a: number, b: number): number {
    return (
      (this.modifiedSec[a] ?? 0) - (this.modifiedSec[b] ?? 0) ||
      (this.tieKeys[a] ?? 0) - (this.tieKeys[b] ?? 0) ||
      (this.ids[a] ?? 0) - (this.ids[b] ?? 0)
    );
  }

  sortIndex(): void {
    const view = this.byModified.subarray(0, this.count);
    view.sort((a, b) => this.compareModified(a, b));
  }

  /** Slots in (date_modified, tie, id) order: a view, valid until the next change. */
  modifiedOrder(): Int32Array {
    return this.byModified.subarray(0, this.count);
  }

  /** Slot of an id, or -1. */
  slotOf(id: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid] ?? 0;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  lastId(): number {
    return this.count === 0 ? 0 : (this.ids[this.count - 1] ?? 0);
  }

  /** First position in `modifiedOrder()` whose date_modified is >= `sec` (or > `sec` when `strict`). */
  lowerBoundModified(sec: number, strict: boolean): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.modifiedSec[this.byModified[mid] ?? 0] ?? 0;
      if (strict ? v <= sec : v < sec) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether the slot holds a record that was not deleted. */
  isLive(slot: number): boolean {
    return slot >= 0 && slot < this.count && ((this.flags[slot] ?? 0) & DELETED) === 0;
  }

  hasFlag(slot: number, flag: number): boolean {
    return ((this.flags[slot] ?? 0) & flag) !== 0;
  }

  setFlag(slot: number, flag: number): void {
    this.flags[slot] = (this.flags[slot] ?? 0) | flag;
  }

  /**
   * Sets a record's date_modified and re-sorts it. A live modification bumps its version (the body changes);
   * an archive that touches the record keeps it.
   */
  touch(slot: number, modifiedSec: number, isEdit = true): void {
    const at = this.byModified.subarray(0, this.count).indexOf(slot);
    if (at >= 0) this.byModified.copyWithin(at, at + 1, this.count);
    this.modifiedSec[slot] = modifiedSec;
    if (isEdit) this.versions[slot] = (this.versions[slot] ?? 0) + 1;
    this.insertSorted(slot, this.count - 1);
  }

  /** Appends a record created live, keeping the sorted index sorted. */
  create(id: number, createdSec: number, modifiedSec: number): number {
    if (this.count === this.ids.length) this.grow();
    const slot = this.count;
    this.ids[slot] = id;
    this.createdSec[slot] = createdSec;
    this.modifiedSec[slot] = modifiedSec;
    this.versions[slot] = 0;
    this.flags[slot] = 0;
    this.tieKeys[slot] = this.tieKeyOf(id);
    this.insertSorted(slot, this.count);
    this.count++;
    return slot;
  }

  /** Inserts `slot` into byModified[0..length) (length entries currently valid). */
  private insertSorted(slot: number, length: number): void {
    let lo = 0;
    let hi = length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareModified(this.byModified[mid] ?? 0, slot) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.byModified.copyWithin(lo + 1, lo, length);
    this.byModified[lo] = slot;
  }
}
