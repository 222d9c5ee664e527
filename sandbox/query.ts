import { ARCHIVED, type Collection, DELETED } from './collection.js';

/** A numeric range; bounds are inclusive unless marked strict. */
export interface Range {
  min?: number;
  minStrict?: boolean;
  max?: number;
  maxStrict?: boolean;
}

export interface Selection {
  id?: Range;
  idIn?: ReadonlySet<number>;
  idNotIn?: ReadonlySet<number>;
  modified?: Range;
  created?: Range;
  /** Only archived records (true) or only others (false); undefined: both. Deleted records never match. */
  archived?: boolean;
  /** Filters needing the record body (status, email...). */
  predicate?: (slot: number) => boolean;
}

export type SortSpec = { by: 'id' } | { by: 'modified' } | { by: 'created' } | { by: 'key'; key: (slot: number) => number | string };

function inRange(value: number, range: Range | undefined): boolean {
  if (range === undefined) return true;
  if (range.min !== undefined && (range.minStrict ? value <= range.min : value < range.min)) return false;
  if (range.max !== undefined && (range.maxStrict ? value >= range.max : value > range.max)) return false;
  return true;
}

function matcher(c: Collection, sel: Selection): (slot: number) => boolean {
  return (slot) => {
    const flags = c.flags[slot] ?? 0;
    if ((flags & DELETED) !== 0) return false;
    if (sel.archived !== undefined && ((flags & ARCHIVED) !== 0) !== sel.archived) return false;
    const id = c.ids[slot] ?? 0;
    if (!inRange(id, sel.id)) return false;
    if (sel.idIn && !sel.idIn.has(id)) return false;
    if (sel.idNotIn?.has(id)) return false;
    if (!inRange(c.modifiedSec[slot] ?? 0, sel.modified)) return false;
    if (!inRange(c.createdSec[slot] ?? 0, sel.created)) return false;
    return sel.predicate === undefined || sel.predicate(slot);
  };
}

/**
 * The slots matching `sel`, in `sort` order (ascending; `descending` reverses the whole order, ties
 * included). Date-modified sorts walk the pre-sorted index from a binary-searched start.
 */
export function select(c: Collection, sel: Selection, sort: SortSpec, descending: boolean): number[] {
  const matches = matcher(c, sel);
  const out: number[] = [];
  if (sort.by === 'modified') {
    const order = c.modifiedOrder();
    const min = sel.modified?.min;
    const start = min === undefined ? 0 : c.lowerBoundModified(min, sel.modified?.minStrict ?? false);
    const max = sel.modified?.max;
    for (let i = start; i < order.length; i++) {
      const slot = order[i] ?? 0;
      if (max !== undefined && (c.modifiedSec[slot] ?? 0) > max) break;
      if (matches(slot)) out.push(slot);
    }
  } else {
    for (let slot = 0; slot < c.count; slot++) if (matches(slot)) out.push(slot);
    if (sort.by === 'created') {
      out.sort((a, b) => (c.createdSec[a] ?? 0) - (c.createdSec[b] ?? 0) || (c.ids[a] ?? 0) - (c.ids[b] ?? 0));
    } else if (sort.by === 'key') {
      const keys = new Map<number, number | string>();
      for (const slot of out) keys.set(slot, sort.key(slot));
      out.sort((a, b) => {
        const ka = keys.get(a) ?? 0;
        const kb = keys.get(b) ?? 0;
        if (ka < kb) return -1;
        if (ka > kb) return 1;
        return (c.ids[a] ?? 0) - (c.ids[b] ?? 0);
      });
    }
  }
  if (descending) out.reverse();
  return out;
}
