import { describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../sandbox/index.js';
import { runCli } from '../helpers/cli.js';
import { everyCollection, useSandbox } from '../helpers/sandbox-session.js';
import { duplicatesIn, missingFromUnion, STREAM_NAMES } from '../helpers/union.js';

// 40 subscribers put 16 in one second: more than a page at every page size here.
const start = useSandbox({ ...everyCollection(12), coupons: 12, customers: 40, orders: 25, products: 40, subscribers: 40 });

/** Small pages against every adverse variant: the boundaries of every walk get exercised many times. */
describe('page sizes x API variants', () => {
  it.each<[number, SandboxOptions]>([
    [1, { minInclusive: false, tieOrder: 'shuffled' }],
    [2, { minInclusive: true, tieOrder: 'reverse' }],
    [3, { minInclusive: false, tieOrder: 'reverse' }],
    [7, { minInclusive: true, tieOrder: 'shuffled' }],
    [4, { minInclusive: false, tieOrder: 'shuffled', errorRate: 0.08, resetRate: 0.04, seed: 11 }],
  ])(
    'page_size %i with %j: every record once (per walk of a table)',
    async (pageSize, options) => {
      const { sandbox, config } = await start(options, { page_size: pageSize, max_concurrency: 4, max_retries: 10 });
      const run = await runCli(['--config', config], { timeoutMs: 120_000 });
      expect(run.code).toBe(0);
      expect(missingFromUnion(sandbox, [run.messages])).toEqual([]);
      // Each record once: a walk again to prove a full table complete writes only what the first one missed.
      for (const stream of STREAM_NAMES) expect(duplicatesIn(run.messages, stream), stream).toBe(0);
    },
    150_000,
  );
});
