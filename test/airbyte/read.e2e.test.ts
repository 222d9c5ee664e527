import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../sandbox/index.js';
import { findStream, STREAMS } from '../../src/streams/index.js';
import { replicationKeyOf } from '../../src/streams/types.js';
import { duplicatesIn } from '../helpers/union.js';
import { type AirbyteMessage, keyOf, parseMessages, runCli, tempFiles } from './helpers.js';

const SIZES = { coupons: 5, customers: 12, orders: 9, products: 7 };
const NAMES = STREAMS.map((s) => s.name);

let sandbox: SandboxHandle;
let configPath: string;
let catalog: { streams: Array<Record<string, unknown>> };
const files = tempFiles();

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, sizes: SIZES });
  configPath = files.write('config.json', { ...sandbox.config(), page_size: 4 });
  const run = await runCli(['airbyte', 'discover', '--config', configPath]);
  catalog = parseMessages(run)[0]!.catalog!;
});
afterAll(async () => {
  await sandbox.close();
  files.cleanup();
});

/** A configured catalog: every stream (or those named) in the given mode (default: incremental where offered). */
function configuredCatalog(modes: Record<string, 'full_refresh' | 'incremental'> = {}, only?: string[]): string {
  const streams = catalog.streams
    .filter((s) => !only || only.includes(s.name as string))
    .map((stream) => {
      const supported = stream.supported_sync_modes as string[];
      const mode = modes[stream.name as string] ?? (supported.includes('incremental') ? 'incremental' : 'full_refresh');
      return {
        stream,
        sync_mode: mode,
        destination_sync_mode: mode === 'incremental' ? 'append_dedup' : 'overwrite',
        primary_key: [[keyOf(stream.name as string)]],
      };
    });
  return files.write(`catalog-${Math.random().toString(36).slice(2)}.json`, { streams });
}

async function read(catalogPath: string, state?: unknown): Promise<{ code: number | null; messages: AirbyteMessage[]; stderr: string }> {
  const args = ['airbyte', 'read', '--config', configPath, '--catalog', catalogPath];
  if (state !== undefined) args.push('--state', files.write(`state-${Math.random().toString(36).slice(2)}.json`, state));
  const run = await runCli(args);
  return { code: run.code, messages: parseMessages(run), stderr: run.stderr };
}

const idsOf = (messages: AirbyteMessage[], stream: string) =>
  messages.filter((m) => m.type === 'RECORD' && m.record!.stream === stream).map((m) => m.record!.data[keyOf(stream)] as number);
const isFullTable = (stream: string) => findStream(stream)?.replication.method === 'FULL_TABLE';
const isChild = (stream: string) => findStream(stream)?.replication.method === 'CHILD';
const sorted = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);
const snapshotIds = (stream: string) => sandbox.snapshot(stream as 'orders').map((r) => r.id);
const parentOf = (stream: string) => {
  const replication = findStream(stream)!.replication;
  return replication.method === 'CHILD' ? replication.parent : undefined;
};
const methodOf = (stream: string) => findStream(stream)!.replication.method;
/**
 * The replication-key values of a stream's records, normalized: the store's date_modified where its snapshot
 * has one, else the values a run wrote (refunds' `created` never changes).
 */
function keyValues(stream: string, written: AirbyteMessage[]): Array<{ id: number; value: string }> {
  const key = replicationKeyOf(findStream(stream)!)!;
  const snapshot = sandbox.snapshot(stream as 'orders');
  if (snapshot.every((r) => r.date_modified !== undefined)) return snapshot.map((r) => ({ id: Number(r.id), value: r.date_modified! }));
  return written
    .filter((m) => m.type === 'RECORD' && m.record!.stream === stream)
    .map((m) => ({ id: m.record!.data.id as number, value: m.record!.data[key] as string }));
}

/** The last STATE of each stream, as the platform would pass them back. */
function finalStates(messages: AirbyteMessage[]): Array<NonNullable<AirbyteMessage['state']>> {
  const last = new Map<string, NonNullable<AirbyteMessage['state']>>();
  for (const m of messages) if (m.type === 'STATE') last.set(m.state!.stream!.stream_descriptor.name, m.state!);
  return [...last.values()];
}

function statusesOf(messages: AirbyteMessage[], stream: string): string[] {
  return messages
    .filter((m) => m.type === 'TRACE' && m.trace!.type === 'STREAM_STATUS' && m.trace!.stream_status!.stream_descriptor.name === stream)
    .map((m) => m.trace!.stream_status!.status);
}

describe('airbyte read', () => {
  let first: Awaited<ReturnType<typeof read>>;
  beforeAll(async () => {
    first = await read(configuredCatalog());
  });

  test('a full sync emits every record of every stream', () => {
    expect(first.code).toBe(0);
    for (const name of NAMES) expect(sorted(idsOf(first.messages, name)), name).toEqual(snapshotIds(name));
    // Each record once, full tables walked again to prove them complete included.
    const asSinger = first.messages
      .filter((m) => m.type === 'RECORD')
      .map((m) => ({ type: 'RECORD', stream: m.record!.stream, record: m.record!.data }));
    for (const name of NAMES) expect(duplicatesIn(asSinger, name), name).toBe(0);
  });

  test('only RECORD, STATE and TRACE STREAM_STATUS messages; records carry emitted_at', () => {
    expect(new Set(first.messages.map((m) => m.type))).toEqual(new Set(['RECORD', 'STATE', 'TRACE']));
    for (const m of first.messages) {
      if (m.type === 'TRACE') expect(m.trace!.type).toBe('STREAM_STATUS');
      if (m.type === 'RECORD') expect(Number.isInteger(m.record!.emitted_at)).toBe(true);
    }
  });

  test('each stream: STARTED, RUNNING, COMPLETE; its records and STATEs between STARTED and COMPLETE', () => {
    for (const name of NAMES.filter((n) => snapshotIds(n).length > 0)) {
      expect(statusesOf(first.messages, name), name).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
      const indexOf = (status: string) =>
        first.messages.findIndex(
          (m) => m.type === 'TRACE' && m.trace!.stream_status?.stream_descriptor.name === name && m.trace!.stream_status.status === status,
        );
      const started = indexOf('STARTED');
      const complete = indexOf('COMPLETE');
      first.messages.forEach((m, i) => {
        const stream = m.record?.stream ?? m.state?.stream?.stream_descriptor.name;
        if (stream === name) expect(i > started && i < complete, `${name} message ${i}`).toBe(true);
      });
      // The stream's last STATE covers all its records: none of them comes after it.
      const isMine = (m: AirbyteMessage) => (m.record?.stream ?? m.state?.stream?.stream_descriptor.name) === name;
      const lastIndexOf = (type: string) => first.messages.reduce((last, m, i) => (m.type === type && isMine(m) ? i : last), -1);
      const lastState = lastIndexOf('STATE');
      const lastRecord = lastIndexOf('RECORD');
      expect(lastState, name).toBeGreaterThan(lastRecord);
    }
  });

  test('per-stream STATE for every stream; recordCount adds up; incremental bookmarks end at the newest record', () => {
    const states = first.messages.filter((m) => m.type === 'STATE').map((m) => m.state!);
    for (const name of NAMES) {
      const mine = states.filter((s) => s.stream!.stream_descriptor.name === name);
      expect(mine.length, name).toBeGreaterThan(0);
      for (const s of mine) expect(s.type).toBe('STREAM');
      const counted = mine.reduce((sum, s) => sum + (s.sourceStats?.recordCount ?? 0), 0);
      expect(counted, name).toBe(idsOf(first.messages, name).length);
    }
    const last = finalStates(first.messages);
    expect(last.map((s) => s.stream!.stream_descriptor.name).sort()).toEqual([...NAMES].sort());
    for (const s of last) {
      const name = s.stream!.stream_descriptor.name;
      if (isFullTable(name)) {
        // A completed full table keeps only its version: nothing to resume.
        expect(Object.keys(s.stream!.stream_state as object), name).toEqual(['version']);
        continue;
      }
      if (isChild(name)) {
        // A child stream in step with its parent: its bookmark is the parent's.
        expect(s.stream!.stream_state, name).toEqual({ parent: parentOf(name) });
        continue;
      }
      const newest = keyValues(name, first.messages)
        .map((r) => r.value)
        .sort()
        .at(-1);
      expect(s.stream!.stream_state, name).toMatchObject({
        replication_key: replicationKeyOf(findStream(name)!),
        replication_key_value: newest,
      });
    }
  });

  test('reading again with the final states (a JSON array) brings few or no records', async () => {
    const again = await read(
      configuredCatalog(),
      finalStates(first.messages).map((state) => ({ type: 'STREAM', stream: state.stream })),
    );
    expect(again.code).toBe(0);
    // Full tables are read whole again (a new version); incremental streams and their children from their bookmarks.
    for (const name of NAMES.filter(isFullTable)) expect(sorted(idsOf(again.messages, name)), name).toEqual(snapshotIds(name));
    for (const name of NAMES.filter((n) => !isFullTable(n))) {
      const bookmark = finalStates(first.messages).find((s) => s.stream!.stream_descriptor.name === name)!.stream!.stream_state!
        .replication_key_value;
      // At most the records of the bookmark's own second are read again (an open second is re-read; a child's
      // bookmark is its parent's, which re-reads nothing here).
      const inLastSecond =
        methodOf(name) === 'CHILD'
          ? []
          : keyValues(name, first.messages)
              .filter((r) => r.value === bookmark)
              .map((r) => r.id);
      const ids = idsOf(again.messages, name);
      for (const id of ids) expect(inLastSecond, `${name} re-read ${id}`).toContain(id);
      // Every stream still reports its state, even with zero records.
      expect(
        finalStates(again.messages).map((s) => s.stream!.stream_descriptor.name),
        name,
      ).toContain(name);
      expect(statusesOf(again.messages, name).at(-1)).toBe('COMPLETE');
    }
  });

  test('full_refresh on an incremental stream ignores its state', async () => {
    const states = finalStates(first.messages);
    const run = await read(configuredCatalog({ orders: 'full_refresh' }, ['orders']), states);
    expect(run.code).toBe(0);
    expect(sorted(idsOf(run.messages, 'orders'))).toEqual(snapshotIds('orders'));
    expect(finalStates(run.messages).map((s) => s.stream!.stream_descriptor.name)).toEqual(['orders']);
  });

  test('a null stream_state resets that stream; the others keep their bookmarks', async () => {
    const states = finalStates(first.messages).map((s) =>
      s.stream!.stream_descriptor.name === 'products'
        ? { type: 'STREAM', stream: { stream_descriptor: { name: 'products' }, stream_state: null } }
        : s,
    );
    const run = await read(configuredCatalog({}, ['customers', 'products']), states);
    expect(run.code).toBe(0);
    expect(sorted(idsOf(run.messages, 'products'))).toEqual(snapshotIds('products'));
    expect(idsOf(run.messages, 'customers').length).toBeLessThan(SIZES.customers);
  });

  test('a LEGACY {data} state and a bare state object are read too', async () => {
    const bookmarks = Object.fromEntries(
      finalStates(first.messages).map((s) => [s.stream!.stream_descriptor.name, s.stream!.stream_state]),
    );
    for (const state of [
      { type: 'LEGACY', data: { bookmarks } },
      { data: { bookmarks } },
      { bookmarks },
      [{ type: 'LEGACY', data: bookmarks }],
    ]) {
      const run = await read(configuredCatalog({}, ['orders']), state);
      expect(run.code, JSON.stringify(state).slice(0, 80)).toBe(0);
      expect(idsOf(run.messages, 'orders').length).toBeLessThan(SIZES.orders);
    }
  });

  test('field selection by the configured json_schema; primary key and cursor always stay', async () => {
    const orders = catalog.streams.find((s) => s.name === 'orders')!;
    const stream = { ...orders, json_schema: { type: 'object', properties: { status: { type: ['null', 'string'] } } } };
    const path = files.write('selected.json', { streams: [{ stream, sync_mode: 'incremental', destination_sync_mode: 'append' }] });
    const run = await read(path);
    expect(run.code).toBe(0);
    const records = run.messages.filter((m) => m.type === 'RECORD');
    expect(records.length).toBe(SIZES.orders);
    for (const m of records) expect(Object.keys(m.record!.data).sort()).toEqual(['date_modified', 'id', 'status']);
  });
});

describe('airbyte read failures', () => {
  test('a bad token: a config_error TRACE ERROR, non-zero exit, no token anywhere', async () => {
    const badConfig = files.write('bad-token.json', { ...sandbox.config(), access_token: 'wrong-token-123' });
    const run = await runCli(['airbyte', 'read', '--config', badConfig, '--catalog', configuredCatalog()]);
    expect(run.code).toBe(1);
    const messages = parseMessages(run);
    const errors = messages.filter((m) => m.type === 'TRACE' && m.trace!.type === 'ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.trace!.error).toMatchObject({ failure_type: 'config_error' });
    expect(errors[0]!.trace!.error!.message).toMatch(/401|token/i);
    expect(messages.filter((m) => m.type === 'RECORD')).toHaveLength(0);
    expect(run.stdout + run.stderr).not.toContain('wrong-token-123');
  });

  test('incremental on a full-refresh-only stream is a catalog (config) error', async () => {
    const coupons = catalog.streams.find((s) => s.name === 'coupons')!;
    const path = files.write('bad-mode.json', {
      streams: [{ stream: coupons, sync_mode: 'incremental', destination_sync_mode: 'append' }],
    });
    const run = await runCli(['airbyte', 'read', '--config', configPath, '--catalog', path]);
    expect(run.code).toBe(2);
    const messages = parseMessages(run);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.trace!.error).toMatchObject({ failure_type: 'config_error' });
    expect(messages[0]!.trace!.error!.message).toContain('coupons');
  });

  test('a bad state file is a config_error TRACE', async () => {
    const state = files.write('bad-state.json', [
      { type: 'STREAM', stream: { stream_descriptor: { name: 'orders' }, stream_state: { replication_key_value: 'yesterday' } } },
    ]);
    const run = await runCli(['airbyte', 'read', '--config', configPath, '--catalog', configuredCatalog(), '--state', state]);
    expect(run.code).toBe(2);
    expect(parseMessages(run)[0]!.trace!.error).toMatchObject({ failure_type: 'config_error' });
  });
});

describe('airbyte read with a missing scope', () => {
  test('the other streams complete with their STATE; the stream fails INCOMPLETE; one config_error TRACE ERROR; exit 1', async () => {
    const limited = await startSandbox({
      seed: 3,
      sizes: { coupons: 2, customers: 3, orders: 3, products: 3 },
      scopes: [
        'store_v2_marketing_read_only',
        'store_v2_customers_read_only',
        'store_v2_products_read_only',
        'store_v2_information_read_only',
      ],
    });
    try {
      const config = files.write('limited.json', limited.config());
      const run = await runCli(['airbyte', 'read', '--config', config, '--catalog', configuredCatalog()]);
      expect(run.code).toBe(1);
      const messages = parseMessages(run);
      expect(statusesOf(messages, 'orders').at(-1)).toBe('INCOMPLETE');
      for (const name of ['coupons', 'customers', 'products']) {
        expect(statusesOf(messages, name), name).toEqual(['STARTED', 'RUNNING', 'COMPLETE']);
        expect(sorted(idsOf(messages, name)), name).toEqual(limited.snapshot(name as 'orders').map((r) => r.id));
        expect(finalStates(messages).map((s) => s.stream!.stream_descriptor.name)).toContain(name);
      }
      const errors = messages.filter((m) => m.type === 'TRACE' && m.trace!.type === 'ERROR');
      expect(errors).toHaveLength(1);
      expect(errors[0]!.trace!.error).toMatchObject({ failure_type: 'config_error' });
      expect(errors[0]!.trace!.error!.message).toContain('orders');
      expect(messages.at(-1)).toBe(errors[0]);
    } finally {
      await limited.close();
    }
  });
});
