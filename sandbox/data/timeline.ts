import { Collection } from '../collection.js';
import { hash32, PURPOSE_TAG, Rng } from '../random.js';
import type { CollectionSpec } from '../streams/spec.js';

const DAY = 86_400;
/** Data spans about two years before the clock's now. */
const SPAN_SEC = 730 * DAY;

/** Size of the bulk-update block sharing one date_modified second: > 250 whenever the stream can hold it. */
export function bulkBlockSize(n: number): number {
  if (n >= 300) return Math.max(260, Math.round(n * 0.02));
  return Math.round(n * 0.4);
}

/** Edits spread over months: most records changed within days of creation, a third never (catalog, customers). */
export function occasionalEdits(rng: Rng): number {
  const r = rng.next();
  if (r < 0.35) return 0;
  if (r < 0.7) return Math.floor(-Math.log(1 - rng.next()) * 5 * DAY);
  return rng.int(0, 400 * DAY);
}

/** Edits soon after creation (status changes, shipping), a few much later (refunds): orders. */
export function frequentEdits(rng: Rng): number {
  const r = rng.next();
  if (r < 0.25) return 0;
  if (r < 0.85) return Math.floor(-Math.log(1 - rng.next()) * 2 * DAY);
  return rng.int(0, 200 * DAY);
}

export function tieKeyFunction(seed: number, tieOrder: 'id' | 'reverse' | 'shuffled'): (id: number) => number {
  if (tieOrder === 'reverse') return (id) => -id;
  if (tieOrder === 'shuffled') return (id) => hash32(seed, PURPOSE_TAG.tie, id);
  return (id) => id;
}

/**
 * Builds the index of one stream: the spec's fixed ids first, then ids with occasional gaps (deleted records; none
 * for sequential ids or when `hasIdGaps` is false),
 * creation times rising with id over two years, modification times after creation, one bulk-update block of
 * records sharing one second (see `bulkBlockSize`) and a few small same-second ties.
 */
export function generateTimeline(
  spec: CollectionSpec,
  n: number,
  seed: number,
  nowSec: number,
  tieKeyOf: (id: number) => number,
): Collection {
  const rng = new Rng(hash32(seed, PURPOSE_TAG.timeline, spec.firstId, n, spec.stream.length));
  const editDelay = spec.editDelay ?? occasionalEdits;
  const collection = new Collection(n + 64, tieKeyOf);
  const start = nowSec - SPAN_SEC;
  const latest = nowSec - 5;
  let id = spec.firstId;
  for (let i = 0; i < n; i++) {
    const fixedId = spec.fixedIds?.[i] ?? spec.ids?.[i];
    if (fixedId !== undefined) id = fixedId;
    else if (i > 0) {
      // The gap is drawn for every stream, so sequential ones consume the same random sequence as the rest.
      const step = rng.chance(0.04) ? rng.int(2, 4) : 1;
      id += spec.hasSequentialIds || spec.hasIdGaps === false ? 1 : step;
    }
    const created = Math.min(latest, start + Math.floor((SPAN_SEC * (i + rng.next())) / n));
    let modified = spec.hasDateModified ? created + editDelay(rng) : created;
    if (modified > latest) modified = created + Math.floor(rng.next() * (latest - created + 1)); // no pile-up at "now"
    collection.push(id, created, modified);
  }
  if (spec.hasDateModified && n > 0) {
    const blockSecond = addBulkBlock(collection, rng);
    addSmallTies(collection, rng, blockSecond);
  }
  collection.sortIndex();
  return collection;
}

/** Returns the block's second (or -1 when the stream is too small for one). */
function addBulkBlock(c: Collection, rng: Rng): number {
  const n = c.count;
  const k = bulkBlockSize(n);
  if (k < 2) return -1;
  const last = Math.min(n - 1, Math.max(Math.ceil(k * 1.05), Math.round(n * 0.6)));
  const second = (c.createdSec[last] ?? 0) + 1;
  const candidates = new Int32Array(last + 1);
  for (let i = 0; i <= last; i++) candidates[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng.next() * (candidates.length - i));
    const picked = candidates[j] ?? 0;
    candidates[j] = candidates[i] ?? 0;
    candidates[i] = picked;
    c.modifiedSec[picked] = second;
  }
  return second;
}

/** Small groups (2-5 records) sharing a second, outside the bulk block. */
function addSmallTies(c: Collection, rng: Rng, blockSecond: number): void {
  const free: number[] = [];
  for (let slot = 0; slot < c.count; slot++) if (c.modifiedSec[slot] !== blockSecond) free.push(slot);
  const groups = Math.max(3, Math.round(free.length / 40));
  for (let g = 0; g < groups && free.length >= 2; g++) {
    const size = Math.min(free.length, rng.int(2, 5));
    const members: number[] = [];
    for (let m = 0; m < size; m++) {
      const at = rng.int(0, free.length - 1);
      members.push(free[at] ?? 0);
      free[at] = free[free.length - 1] ?? 0;
      free.pop();
    }
    let max = 0;
    for (const slot of members) max = Math.max(max, c.modifiedSec[slot] ?? 0);
    for (const slot of members) c.modifiedSec[slot] = max;
  }
}
