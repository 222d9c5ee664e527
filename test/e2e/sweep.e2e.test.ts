import { describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../sandbox/index.js';
import { runCli } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';
import { duplicationProblem, missingFromUnion, STREAM_NAMES } from '../helpers/union.js';

const start = useSandbox({ coupons: 12, customers: 40, orders: 25, products: 40 });

/** Small pages against every adverse variant: the boundaries of every walk get exercised many times. */
describe('page sizes x API variants', () => {
  it.each<[number, SandboxOptions]>([
    [1, { minInclusive: false, tieOrder: 'shuffled' }],
    [2, { minInclusive: true, tieOrder: 'reverse' }],
    [3, { minInclusive: false, tieOrder: 'reverse' }],
    [7, { minInclusive: true, tieOrder: 'shuffled' }],
    [4, { minInclusive: false, tieOrder: 'shuffled', errorRate: 0.08, resetRate: 0.04, seed: 11 }],
  ])('page_size %i with %j: every record once', async (pageSize, options) => {
    const { sandbox, config } = await start(options, { page_size: pageSize, max_concurrency: 4, max_retries: 10 });
    const run = await runCli(['--config', config], { timeoutMs: 120_000 });
    expect(run.code).toBe(0);
    expect(missingFromUnion(sandbox, [run.messages])).toEqual([]);
    expect(STREAM_NAMES.map((stream) => duplicationProblem(run.messages, stream)).filter((p) => p !== null)).toEqual([]);
  });
});
