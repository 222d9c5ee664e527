import { describe, expect, it } from 'vitest';
import type { ApiClient, ApiRequest } from '../../src/http/types.js';
import { createMemoryLogger } from '../../src/logger.js';
import { findStream } from '../../src/streams/index.js';
import { confirmAbsent } from '../../src/sync/deletions/id-scan.js';
import type { SyncContext } from '../../src/sync/sync-context.js';

/** A context whose client answers each `id:in` request with `serve(asked ids)`. */
function contextServing(serve: (asked: number[]) => number[]) {
  const logger = createMemoryLogger('info');
  const requests: ApiRequest[] = [];
  const client = {
    get: async (request: ApiRequest) => {
      requests.push(request);
      const asked = String(request.query?.['id:in'] ?? '')
        .split(',')
        .map(Number);
      return { records: serve(asked).map((id) => ({ id })), body: null, status: 200, serverTimeMs: null };
    },
  } as unknown as ApiClient;
  return { ctx: { client, logger } as unknown as SyncContext, logger, requests };
}

const products = findStream('products')!;

describe('confirming deletions with id:in', () => {
  it('an id the filtered list does not return is confirmed absent; one it returns is live', async () => {
    const { ctx, requests } = contextServing((asked) => asked.filter((id) => id !== 7));
    expect(await confirmAbsent(ctx, products, [5, 7, 9])).toEqual([7]);
    const gone = contextServing((asked) => asked.filter((id) => id === 5));
    expect(await confirmAbsent(gone.ctx, products, [5, 7, 9])).toEqual([7, 9]);
    expect(requests[0]?.query?.['id:in']).toBe('5,7,9');
  });

  it('a list that ignores id:in (ids not asked for come back) confirms nothing: no tombstone, one warning', async () => {
    // The first page of the store, whatever was asked.
    const { ctx, logger } = contextServing(() => [1, 2, 3, 4]);
    expect(await confirmAbsent(ctx, products, [5, 7, 9])).toEqual([]);
    expect(logger.lines.filter((l) => l.startsWith('WARN'))).toEqual([
      "WARN products: the list ignores id:in (ids not asked for came back), so 3 record(s) missing from the id scan can't be confirmed deleted: no tombstone for them this run; they are checked again next run.",
    ]);
  });
});
