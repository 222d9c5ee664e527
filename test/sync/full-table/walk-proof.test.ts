import { describe, expect, it } from 'vitest';
import { type PageWalkEvidence, proveComplete } from '../../../src/sync/full-table/walk-proof.js';

const evidence = (totals: number[], keys: number[], extra: Partial<PageWalkEvidence> = {}): PageWalkEvidence => ({
  totals,
  keys: new Set(keys.map(String)),
  pagesWithRecords: 3,
  isFirstPageShort: false,
  ...extra,
});

describe('proveComplete', () => {
  it('proves a walk whose every page reported the number of records written', () => {
    expect(proveComplete(evidence([3, 3, 3], [1, 2, 3]), false)).toEqual({
      isComplete: true,
      reason: 'every page reported 3 records, all written',
    });
  });

  it('names the totals of a table that changed while it was read', () => {
    expect(proveComplete(evidence([3, 4, 4], [1, 2, 3, 4]), false)).toEqual({
      isComplete: false,
      reason: 'the table changed while it was read (totals 3 -> 4)',
    });
  });

  it('keeps the reason one short line however many totals a long walk saw', () => {
    const totals = Array.from({ length: 4000 }, (_, i) => 10_000 + i);
    expect(proveComplete(evidence(totals, [1]), false).reason).toBe(
      'the table changed while it was read (totals 10000 -> 10001 -> ... -> 13999, 4000 different)',
    );
  });

  it('never trusts a total the records written do not match', () => {
    expect(proveComplete(evidence([0, 0], [1, 2, 3]), false)).toEqual({
      isComplete: false,
      reason: '3 distinct records written of 0 reported',
    });
  });

  it('without totals, proves a walk only when a previous one saw the same records', () => {
    expect(proveComplete(evidence([], [1, 2]), false).isComplete).toBe(false);
    expect(proveComplete(evidence([], [1, 2], { previousKeys: new Set(['2', '1']) }), false)).toEqual({
      isComplete: true,
      reason: 'two walks saw the same records',
    });
    expect(proveComplete(evidence([], [1, 2], { previousKeys: new Set(['1']) }), false).reason).toBe('two walks saw different records');
  });
});
