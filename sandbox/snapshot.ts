import { ARCHIVED } from './collection.js';
import { isoZ } from './format.js';
import type { Store } from './store.js';

/** One record as the tap would key it: `{id, date_modified}` (no date for coupons), archived ones marked. */
export interface SnapshotRecord {
  /** A number, or the text key of a single object (`/v2/store`'s id is the store hash). */
  id: number | string;
  date_modified?: string;
  /** An archived record (an order with `is_deleted: true`). */
  is_deleted?: true;
  /** A child stream's record: its parent's id. */
  parent_id?: number;
}

/** What the store holds now in one stream, id ascending: deleted records are gone, archived ones marked. */
export function snapshot(store: Store, stream: string): SnapshotRecord[] {
  const { spec } = store.stream(stream);
  const withDate = (id: number, modifiedSec: number): SnapshotRecord =>
    spec.hasDateModified ? { id, date_modified: isoZ(modifiedSec) } : { id };
  if (spec.kind === 'singleton') return [{ id: spec.body(store.ctx).id as number | string }];
  if (spec.kind !== 'collection') {
    return store.children.all(stream).map((child) => ({ ...withDate(child.id, child.modifiedSec), parent_id: child.parentId }));
  }
  const c = store.collection(stream);
  const out: SnapshotRecord[] = [];
  for (let slot = 0; slot < c.count; slot++) {
    if (!c.isLive(slot)) continue;
    const record = withDate(c.ids[slot] ?? 0, c.modifiedSec[slot] ?? 0);
    if (c.hasFlag(slot, ARCHIVED)) record.is_deleted = true;
    out.push(record);
  }
  return out;
}
