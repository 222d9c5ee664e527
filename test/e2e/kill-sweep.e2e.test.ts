import { describe, expect, it } from 'vitest';
import { STREAMS } from '../../src/streams/index.js';
import { lastStateOf, runCli, tempJson } from '../helpers/cli.js';
import { everyCollection, useSandbox } from '../helpers/sandbox-session.js';
import { missingFromUnion } from '../helpers/union.js';

const start = useSandbox({ ...everyCollection(12), coupons: 12, customers: 60, orders: 30, products: 60, subscribers: 60 });
/**
 * Streams whose resumed run reads again what a STATE covered, by design: full tables (a new version), and
 * incremental walks without a position inside a second (refunds' window pages re-read the bookmark's second
 * and keep the bookmark where the window began until it completes).
 */
const REREAD = new Set(
  STREAMS.filter(
    (s) => s.replication.method === 'FULL_TABLE' || (s.replication.method === 'INCREMENTAL' && s.replication.walk.kind !== 'keyset'),
  ).map((s) => s.name),
);

describe('killed with SIGKILL at various points, with small pages and slices', () => {
  it.each([
    [2, 23],
    [1, 77],
    [5, 170],
  ])(
    'page_size %i, killed after %i records: resuming repeats nothing the last STATE covers, and a second kill loses nothing',
    async (pageSize, killAt) => {
      const { sandbox, config } = await start({ tieOrder: 'shuffled', minInclusive: false }, { page_size: pageSize, max_concurrency: 4 });
      const runs: Array<Array<Record<string, any>>> = [];
      let state: unknown;
      let killed = await runCli(['--config', config], { killAfterRecords: killAt });
      runs.push(killed.messages);
      state = lastStateOf(killed.messages);
      // Records of incremental streams (and their children) written before the last STATE must not come again on
      // resume; a full-table stream completed before it is read again whole (a new table version).
      const lastStateIndex = killed.messages.map((m) => m.type).lastIndexOf('STATE');
      const coveredKeys = new Set(
        killed.messages
          .slice(0, lastStateIndex)
          .filter((m) => m.type === 'RECORD' && !REREAD.has(m.stream))
          .map((m) => `${m.stream}:${m.record.id}`),
      );
      const resumedFull = await runCli(['--config', config, ...(state ? ['--state', tempJson('s0.json', state)] : [])]);
      const again = resumedFull.messages
        .filter((m) => m.type === 'RECORD' && coveredKeys.has(`${m.stream}:${m.record.id}`))
        .map((m) => `${m.stream}:${m.record.id}:${m.record.date_modified}`);
      expect(again).toEqual([]);
      // Resume, killed again, then resume to the end.
      killed = await runCli(['--config', config, ...(state ? ['--state', tempJson('s1.json', state)] : [])], { killAfterRecords: 20 });
      runs.push(killed.messages);
      state = lastStateOf(killed.messages) ?? state;
      const last = await runCli(['--config', config, ...(state ? ['--state', tempJson('s2.json', state)] : [])]);
      expect(last.code).toBe(0);
      runs.push(last.messages);
      expect(missingFromUnion(sandbox, runs)).toEqual([]);
    },
  );
});
