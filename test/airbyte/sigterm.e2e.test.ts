import { describe, expect, test } from 'vitest';
import { STREAMS } from '../../src/streams/index.js';
import { runCli as runCliKillable, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';
import { keyOf, parseMessages, runCli, validateAirbyteMessage } from './helpers.js';

const start = useSandbox({ coupons: 20, customers: 200, orders: 150, products: 200 });

describe('airbyte read on SIGTERM', () => {
  test('writes the STATE of the stream it was reading, exits 143, and a read from that state completes', async () => {
    const { sandbox, config } = await start({ latencyMs: 5 });
    const discovered = parseMessages(await runCli(['airbyte', 'discover', '--config', config]))[0]!.catalog!;
    const catalog = tempJson('catalog.json', {
      streams: discovered.streams.map((stream) => {
        const mode = (stream.supported_sync_modes as string[]).includes('incremental') ? 'incremental' : 'full_refresh';
        return { stream, sync_mode: mode, destination_sync_mode: 'append', primary_key: [[keyOf(stream.name as string)]] };
      }),
    });
    const stopped = await runCliKillable(['airbyte', 'read', '--config', config, '--catalog', catalog], {
      killAfterRecords: 250,
      killSignal: 'SIGTERM',
    });
    expect(stopped.code).toBe(143);
    for (const message of stopped.messages) expect(validateAirbyteMessage(message)).toBeNull();
    const states = stopped.messages.filter((m) => m.type === 'STATE');
    expect(states.at(-1)).toEqual(stopped.messages.filter((m) => m.type === 'STATE' || m.type === 'RECORD').at(-1));

    // The runner passes back the latest STATE of each stream.
    const latest = new Map<string, unknown>();
    for (const s of states) latest.set(s.state.stream.stream_descriptor.name, s.state);
    const resumed = await runCliKillable([
      'airbyte',
      'read',
      '--config',
      config,
      '--catalog',
      catalog,
      '--state',
      tempJson('state.json', [...latest.values()]),
    ]);
    expect(resumed.code).toBe(0);
    for (const stream of STREAMS.map((s) => s.name)) {
      const ids = new Set(
        [...stopped.messages, ...resumed.messages]
          .filter((m) => m.type === 'RECORD' && m.record.stream === stream)
          .map((m) => m.record.data[keyOf(stream)]),
      );
      expect(sandbox.snapshot(stream).filter((r) => !ids.has(r.id))).toEqual([]);
    }
  });
});
