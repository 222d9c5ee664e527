import { describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../../sandbox/index.js';
import { lastStateOf, recordsOf, runCli, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';
import { validateSingerMessages } from '../helpers/singer-validator.js';
import { duplicatesIn, missingFromUnion, STREAM_NAMES, takeSnapshot } from '../helpers/union.js';

const sizes = { coupons: 40, customers: 300, orders: 280, products: 300 };
/** `page_size` 50 in a config makes the v3 streams big enough to be walked in parallel slices. */
const start = useSandbox(sizes);

describe('the built CLI against the sandbox store', () => {
  it('full sync: every record of every stream exactly once, valid Singer messages, exit 0', async () => {
    const { sandbox, config } = await start();
    const run = await runCli(['--config', config]);
    expect(run.stderr).not.toMatch(/ERROR/);
    expect(run.code).toBe(0);
    expect(validateSingerMessages(run.messages)).toEqual([]);
    expect(missingFromUnion(sandbox, [run.messages])).toEqual([]);
    for (const stream of STREAM_NAMES) expect(duplicatesIn(run.messages, stream)).toBe(0);
    expect(run.stderr).toContain(`Sync summary: ${STREAM_NAMES.length} stream(s)`);
    expect(run.stderr).not.toContain(sandbox.accessToken);

    // Incremental re-run from the final state: only the bookmark seconds are read again; coupons in full.
    const state = tempJson('state.json', lastStateOf(run.messages));
    const rerun = await runCli(['--config', config, '--state', state]);
    expect(rerun.code).toBe(0);
    expect(recordsOf(rerun.messages, 'coupons')).toHaveLength(sizes.coupons);
    for (const stream of ['customers', 'orders', 'products']) expect(recordsOf(rerun.messages, stream).length).toBeLessThan(5);
  });

  it.each<[string, SandboxOptions]>([
    ['exclusive :min filters and shuffled ties', { minInclusive: false, tieOrder: 'shuffled' }],
    [
      'reversed ties, limit over 250 capped, empty 401 body variant',
      { tieOrder: 'reverse', oversizeLimit: 'cap', unauthorizedBody: 'empty' },
    ],
  ])('loses nothing with %s, walking v3 streams in parallel slices', async (_name, options) => {
    const { sandbox, config } = await start(options, { page_size: 50 });
    const run = await runCli(['--config', config]);
    expect(run.stderr).toMatch(/customers: \d+ records in the window, walked in [2-8] slices at once/);
    expect(run.stderr).toMatch(/products: \d+ records in the window, walked in [2-8] slices at once/);
    expect(run.code).toBe(0);
    expect(missingFromUnion(sandbox, [run.messages])).toEqual([]);
    for (const stream of STREAM_NAMES) expect(duplicatesIn(run.messages, stream)).toBe(0);
  });

  it("live changes: the run and the next one from its final state hold every record's latest version", async () => {
    let skewMs = 0;
    const { sandbox, config } = await start(
      {
        liveChanges: { everyRequests: 2, modify: 3, create: 2 },
        tieOrder: 'shuffled',
        clock: { now: () => Date.now() + skewMs },
      },
      { page_size: 100 },
    );
    const first = await runCli(['--config', config]);
    expect(first.code).toBe(0);
    // What the store holds once the first run is over, changes made during it included.
    const streams = STREAM_NAMES;
    const afterFirst = takeSnapshot(sandbox, streams);
    expect(missingFromUnion(afterFirst, [first.messages], undefined, streams).length).toBeGreaterThan(0);
    // The store's clock moves on past the first run's window (no wall-clock wait).
    skewMs += 3000;
    const second = await runCli(['--config', config, '--state', tempJson('state.json', lastStateOf(first.messages))]);
    expect(second.code).toBe(0);
    // A record the second run changed again after reading its stream is the next run's to read (the store's
    // latest version is beyond the second run's window).
    expect(missingFromUnion(afterFirst, [first.messages, second.messages], takeSnapshot(sandbox, streams), streams)).toEqual([]);
  });

  it('SIGTERM midway: the last safe STATE is written, exit 143, and a resumed run completes the data', async () => {
    const { sandbox, config } = await start({ latencyMs: 5 });
    const stopped = await runCli(['--config', config], { killAfterRecords: 300, killSignal: 'SIGTERM' });
    expect(stopped.code).toBe(143);
    expect(stopped.messages.at(-1)!.type).toBe('STATE');
    expect(stopped.stderr).toContain('Stopped on SIGTERM after writing the last safe STATE.');
    const resumed = await runCli(['--config', config, '--state', tempJson('state.json', lastStateOf(stopped.messages))]);
    expect(resumed.code).toBe(0);
    expect(missingFromUnion(sandbox, [stopped.messages, resumed.messages])).toEqual([]);
  });

  it('a run killed with SIGKILL midway and resumed from its last STATE loses nothing', async () => {
    const { sandbox, config } = await start({ tieOrder: 'shuffled', minInclusive: false }, { page_size: 50 });
    const killed = await runCli(['--config', config], { killAfterRecords: 500 });
    expect(killed.signal).toBe('SIGKILL');
    const state = lastStateOf(killed.messages);
    expect(state).toBeDefined();
    const resumed = await runCli(['--config', config, '--state', tempJson('state.json', state)]);
    expect(resumed.code).toBe(0);
    expect(missingFromUnion(sandbox, [killed.messages, resumed.messages])).toEqual([]);
  });
});
