/**
 * Whether a page walk saw every record of a table. It matters because the ACTIVATE_VERSION that closes a
 * table version makes targets delete every row the walk did not write: a live record skipped by a page shift
 * (a deletion mid-walk moves later records one place up, past the page boundary) would lose its row.
 */
export type WalkProof = { isComplete: true; reason?: string } | { isComplete: false; reason: string };

export interface PageWalkEvidence {
  /** Distinct keys written by this walk. */
  keys: Set<string>;
  /** `meta.pagination.total` of every page, in order (v3), including the final empty one. */
  totals: number[];
  pagesWithRecords: number;
  /**
   * The first page held fewer records than asked for (or more: an endpoint without paging answers everything at
   * once), and the next request brought nothing new.
   */
  isFirstPageShort: boolean;
  /** Keys of a previous walk of the same table in this run. */
  previousKeys?: ReadonlySet<string> | undefined;
}

/**
 * The proofs, from strongest to weakest:
 * - cursor pagination is a keyset walk: a deletion can't shift what is left (complete by construction);
 * - the whole table came in one response (one short page, then nothing): an atomic snapshot;
 * - every page, the final empty one included, reported the same total, and the walk wrote exactly that many
 *   distinct records: nothing was deleted or created while it ran, so nothing shifted;
 * - a second walk saw exactly the keys of the first: the table held still across both.
 * Anything else is unproven: the caller walks again, or leaves the version open.
 */
export function proveComplete(evidence: PageWalkEvidence, isCursor: boolean): WalkProof {
  if (isCursor) return { isComplete: true, reason: 'cursor pagination' };
  if (evidence.pagesWithRecords <= 1 && (evidence.isFirstPageShort || evidence.pagesWithRecords === 0)) {
    return { isComplete: true, reason: 'one response held the whole table' };
  }
  const totals = evidence.totals;
  if (totals.length > 0) {
    const first = totals[0]!;
    const isSteady = totals.every((t) => t === first);
    // Exactly as many: an API that reports a wrong total (0, say) never proves a walk.
    if (isSteady && evidence.keys.size === first) return { isComplete: true, reason: `every page reported ${first} records, all written` };
    if (!isSteady) return { isComplete: false, reason: `the table changed while it was read (totals ${describeTotals(totals)})` };
    return { isComplete: false, reason: `${evidence.keys.size} distinct records written of ${first} reported` };
  }
  const previous = evidence.previousKeys;
  if (previous && previous.size === evidence.keys.size && [...evidence.keys].every((k) => previous.has(k))) {
    return { isComplete: true, reason: 'two walks saw the same records' };
  }
  return { isComplete: false, reason: previous ? 'two walks saw different records' : 'the API reports no total to check the walk against' };
}

/** The distinct totals in the order seen, at most the first two and the last: one log line however long the walk. */
function describeTotals(totals: number[]): string {
  const distinct = [...new Set(totals)];
  if (distinct.length <= 3) return distinct.join(' -> ');
  return `${distinct[0]} -> ${distinct[1]} -> ... -> ${distinct.at(-1)}, ${distinct.length} different`;
}
