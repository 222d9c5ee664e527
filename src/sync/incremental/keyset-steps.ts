import type { ApiPage } from '../../http/types.js';
import type { SecondPosition, WithinSecond } from '../../streams/types.js';
import {
  type FilterSemantics,
  learnFromExactSecondPage,
  learnFromWindowPage,
  learnIdFilter,
  type Row,
  SECOND_MS,
  sentMinMs,
} from './filter-semantics.js';
import { isPastPosition, nextPosition } from './keyset-queries.js';

/** Where an incremental walk stands: every record before `secondMs` is written, and within it, `position`. */
export interface WalkCursor {
  secondMs: number;
  /** null: nothing of `secondMs` written yet. */
  position: SecondPosition | null;
}

export interface WalkBatch {
  /** Raw API records to write, in order. */
  records: Record<string, unknown>[];
  /** The cursor once these records are written. */
  cursor: WalkCursor;
  /** v3 `meta.pagination.total` of the first page: records in the window, for progress. */
  totalInWindow?: number;
}

/** The walk between requests: which second, which mode, and what it knows of the filters. */
export interface WalkState {
  /** Main mode: the first second not completely written. Dense mode: the second being walked by the second key. */
  second: number;
  isDense: boolean;
  /** Dense mode: how far inside `second` the walk got. */
  position: SecondPosition | null;
  semantics: FilterSemantics;
  isFirstPage: boolean;
}

/** The records a walk may write: `[second, upper]`, or `[second, sliceEnd)` for a slice. */
export interface WalkBounds {
  upperMs: number | null;
  sliceEndMs?: number;
}

export interface StepResult {
  /** The state for the next request; null when the walk is complete. */
  next: WalkState | null;
  batch?: WalkBatch;
  debug: string[];
  warnings: string[];
}

const isInBounds = (second: number, bounds: WalkBounds): boolean =>
  bounds.sliceEndMs !== undefined ? second < bounds.sliceEndMs : bounds.upperMs === null || second <= bounds.upperMs;

/**
 * Main mode, after a page of `key >= second` ascending: the records of the page's last second are held back
 * (the next request starts there), so a batch ends on a second boundary and its cursor is exact. A page
 * entirely within one second switches to dense mode for that second. Nothing new ends the walk.
 */
export function mainStep(state: WalkState, rows: readonly Row[], key: string, bounds: WalkBounds, total: number | undefined): StepResult {
  const learned = learnFromWindowPage(state.semantics, rows, key, sentMinMs(state.semantics, state.second));
  const base: WalkState = { ...state, semantics: learned.semantics, isFirstPage: false };
  const result = (next: WalkState | null, batch?: WalkBatch): StepResult => ({
    next,
    ...(batch ? { batch } : {}),
    debug: learned.notes,
    warnings: [],
  });
  const fresh = rows.filter((r) => r.second !== null && r.second >= state.second && isInBounds(r.second, bounds));
  const withTotal = state.isFirstPage && total !== undefined ? { totalInWindow: total } : {};
  if (fresh.length === 0) return result(learned.shouldAskAgain && rows.length > 0 ? base : null);
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const row of fresh) {
    const second = row.second as number;
    if (second < firstMs) firstMs = second;
    if (second > lastMs) lastMs = second;
  }
  if (firstMs === lastMs) {
    const dense: WalkState = { ...base, second: lastMs, isDense: true, position: null };
    return result(
      dense,
      'totalInWindow' in withTotal ? { records: [], cursor: { secondMs: lastMs, position: null }, ...withTotal } : undefined,
    );
  }
  const records = fresh.filter((r) => (r.second as number) < lastMs).map((r) => r.record);
  return result({ ...base, second: lastMs }, { records, cursor: { secondMs: lastMs, position: null }, ...withTotal });
}

/**
 * Dense mode, after an exact-second page walked by the second key: writes what lies past the position,
 * learns the id and `:max` filters' inclusivity, and returns to main mode after the second once a request
 * brings nothing past the position.
 */
export function denseStep(state: WalkState, rows: readonly Row[], page: ApiPage, key: string, within: WithinSecond): StepResult {
  const { second, position } = state;
  const windowLearned = learnFromWindowPage(state.semantics, rows, key, sentMinMs(state.semantics, second));
  const sentId = within.by === 'id' && !state.semantics.isIdMinInclusive ? position?.id : undefined;
  const idLearned = within.by === 'id' ? learnIdFilter(windowLearned.semantics, page.records, sentId) : { ...windowLearned, notes: [] };
  const maxLearned = learnFromExactSecondPage(idLearned.semantics, rows, second);
  const debug = [...windowLearned.notes, ...idLearned.notes, ...maxLearned.notes];
  const semantics = maxLearned.semantics;
  const stay: WalkState = { ...state, semantics, isFirstPage: false };
  const leave: WalkState = { ...stay, isDense: false, second: second + SECOND_MS, position: null };
  if (maxLearned.shouldAskAgain) return { next: stay, debug, warnings: [] };

  const past = rows.filter((r) => isPastPosition(within, r.record, position));
  if (past.length === 0) {
    const shouldAskAgain = (windowLearned.shouldAskAgain || idLearned.shouldAskAgain) && rows.length > 0;
    if (shouldAskAgain) return { next: stay, debug, warnings: [] };
    // This second is complete: the cursor (second, position) stays exact; main mode goes on after it.
    return { next: leave, batch: { records: [], cursor: { secondMs: second, position } }, debug, warnings: [] };
  }
  const fresh = past.filter((r) => r.second === second).map((r) => r.record);
  const next = nextPosition(within, page, position);
  const warnings: string[] = [];
  if (next?.page !== undefined && position?.page === undefined) {
    warnings.push('the API gave no cursor for a second with more than a page of records; walking it by page number');
  }
  if (next === null || JSON.stringify(next) === JSON.stringify(position)) {
    warnings.push('cannot walk further inside this second; moving on');
    return { next: leave, batch: { records: fresh, cursor: { secondMs: second, position: next ?? position } }, debug, warnings };
  }
  return { next: { ...stay, position: next }, batch: { records: fresh, cursor: { secondMs: second, position: next } }, debug, warnings };
}
