import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createAirbyteSink } from '../../src/airbyte/airbyte-sink.js';
import { discoverAirbyteCatalog, selectFromConfiguredCatalog } from '../../src/airbyte/catalog.js';
import { parseAirbyteState } from '../../src/airbyte/state.js';
import { failureTypeOf } from '../../src/airbyte/trace.js';
import { CatalogError, ConfigError, StateError } from '../../src/errors.js';
import { RateLimitedError, UnauthorizedError } from '../../src/http/errors.js';
import type { TapEvent } from '../../src/sync/events.js';
import { validateAirbyteMessage } from './helpers.js';

function collect(): { out: Writable; lines: () => Array<Record<string, any>> } {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return {
    out,
    lines: () =>
      text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, any>),
  };
}

async function feed(events: TapEvent[]): Promise<Array<Record<string, any>>> {
  const { out, lines } = collect();
  const sink = createAirbyteSink(out, { now: () => 1_700_000_000_000 });
  for (const event of events) await sink.write(event);
  await sink.flush();
  const messages = lines();
  for (const m of messages) expect(validateAirbyteMessage(m), JSON.stringify(m)).toBeNull();
  return messages;
}

const state = (bookmarks: Record<string, unknown>, currently: string | null): TapEvent => ({
  type: 'state',
  value: { bookmarks, currently_syncing: currently },
});
const record = (stream: string, id: number): TapEvent => ({
  type: 'record',
  stream,
  record: { id },
  timeExtracted: '2024-05-01T10:00:00.250Z',
});
const status = (stream: string, s: 'STARTED' | 'COMPLETE' | 'INCOMPLETE'): TapEvent => ({ type: 'stream_status', stream, status: s });

describe('airbyte sink', () => {
  test('a stream with zero records still gets its STATE, before COMPLETE; the input state is not echoed first', async () => {
    const bookmark = { replication_key: 'date_modified', replication_key_value: '2024-05-01T10:00:00Z' };
    const messages = await feed([
      status('orders', 'STARTED'),
      { type: 'schema', stream: 'orders', schema: {}, keyProperties: ['id'], bookmarkProperties: [] },
      state({ orders: bookmark }, 'orders'),
      state({ orders: bookmark }, 'orders'),
      state({ orders: bookmark }, null),
      status('orders', 'COMPLETE'),
    ]);
    expect(messages.map((m) => (m.type === 'TRACE' ? m.trace.stream_status.status : m.type))).toEqual(['STARTED', 'STATE', 'COMPLETE']);
    expect(messages[1]!.state).toEqual({
      type: 'STREAM',
      stream: { stream_descriptor: { name: 'orders' }, stream_state: bookmark },
      sourceStats: { recordCount: 0 },
    });
  });

  test('records: RUNNING before the first; STATE only with news; recordCount since the previous STATE; no repeats', async () => {
    const b1 = { replication_key: 'date_modified', replication_key_value: '2024-05-01T10:00:00Z' };
    const b2 = { replication_key: 'date_modified', replication_key_value: '2024-05-02T10:00:00Z' };
    const messages = await feed([
      status('orders', 'STARTED'),
      state({}, 'orders'),
      record('orders', 1),
      record('orders', 2),
      state({ orders: b1, coupons: { last_id: 3 } }, 'orders'),
      state({ orders: b1 }, 'orders'),
      record('orders', 3),
      state({ orders: b2 }, 'orders'),
      state({ orders: b2 }, null),
      status('orders', 'COMPLETE'),
      { type: 'activate_version', stream: 'orders', version: 1 },
    ]);
    const summary = messages.map((m) =>
      m.type === 'TRACE'
        ? m.trace.stream_status.status
        : m.type === 'STATE'
          ? `STATE ${m.state.stream.stream_state.replication_key_value} ${m.state.sourceStats.recordCount}`
          : `RECORD ${m.record.data.id}`,
    );
    expect(summary).toEqual([
      'STARTED',
      'RUNNING',
      'RECORD 1',
      'RECORD 2',
      'STATE 2024-05-01T10:00:00Z 2',
      'RECORD 3',
      'STATE 2024-05-02T10:00:00Z 1',
      'COMPLETE',
    ]);
    expect(messages[2]!.record).toEqual({ stream: 'orders', data: { id: 1 }, emitted_at: Date.parse('2024-05-01T10:00:00.250Z') });
  });

  test('a failed stream: INCOMPLETE, and the state it reached', async () => {
    const messages = await feed([
      status('products', 'STARTED'),
      record('products', 9),
      status('products', 'INCOMPLETE'),
      state({ products: { replication_key: 'date_modified', replication_key_value: '2024-01-01T00:00:00Z' } }, null),
    ]);
    expect(messages.map((m) => (m.type === 'TRACE' ? m.trace.stream_status.status : m.type))).toEqual([
      'STARTED',
      'RUNNING',
      'RECORD',
      'INCOMPLETE',
      'STATE',
    ]);
  });
});

describe('airbyte state', () => {
  const bookmark = { replication_key: 'date_modified', replication_key_value: '2024-05-01T10:00:00Z', position: { id: 12 } };
  test('a JSON array of STREAM states; null stream_state = reset; unknown streams carried over', () => {
    const { state, warnings } = parseAirbyteState([
      { type: 'STREAM', stream: { stream_descriptor: { name: 'orders' }, stream_state: bookmark } },
      { type: 'STREAM', stream: { stream_descriptor: { name: 'products' }, stream_state: null } },
      { type: 'STREAM', stream: { stream_descriptor: { name: 'coupons' }, stream_state: { last_id: 7, version: 5 } } },
      { type: 'STREAM', stream: { stream_descriptor: { name: 'not_a_stream' }, stream_state: { x: 1 } } },
      { type: 'STREAM', stream: { stream_descriptor: { name: 'customers' }, stream_state: { updated_at: '2024-05-01T10:00:00Z' } } },
    ]);
    expect(warnings).toEqual([
      'The state bookmark for "customers" has "updated_at", which this tap doesn\'t read, so "customers" syncs from start_date: it expects {"replication_key": "date_modified", "replication_key_value": "2024-05-01T10:00:00Z"}.',
    ]);
    expect(state.bookmarks.orders).toEqual({ replicationKeyValueMs: Date.parse('2024-05-01T10:00:00Z'), position: { id: 12 } });
    expect(state.bookmarks.products).toBeUndefined();
    expect(state.bookmarks.coupons).toEqual({ lastId: 7, version: 5 });
    expect(state.foreign).toEqual({ not_a_stream: { x: 1 } });
  });

  test('LEGACY, bare and empty forms', () => {
    const ms = Date.parse('2024-05-01T10:00:00Z');
    for (const raw of [
      { data: { bookmarks: { orders: bookmark } } },
      { type: 'LEGACY', data: { orders: bookmark } },
      { bookmarks: { orders: bookmark } },
      { orders: { date_modified: '2024-05-01T10:00:00Z' } },
      { type: 'STATE', value: { bookmarks: { orders: bookmark } } },
    ]) {
      expect(parseAirbyteState(raw).state.bookmarks.orders?.replicationKeyValueMs, JSON.stringify(raw)).toBe(ms);
    }
    for (const raw of [null, [], {}]) expect(parseAirbyteState(raw).state.bookmarks).toEqual({});
  });

  test('bad states are StateErrors', () => {
    expect(() => parseAirbyteState([{ type: 'GLOBAL', global: {} }])).toThrow(StateError);
    expect(() => parseAirbyteState([{ type: 'STREAM', stream: {} }])).toThrow(StateError);
    expect(() =>
      parseAirbyteState([
        { type: 'STREAM', stream: { stream_descriptor: { name: 'orders' }, stream_state: { replication_key_value: 'soon' } } },
      ]),
    ).toThrow(StateError);
    expect(() => parseAirbyteState('orders')).toThrow(StateError);
  });
});

describe('airbyte catalog', () => {
  const discovered = discoverAirbyteCatalog().streams;
  const configured = (name: string, syncMode: string, jsonSchema?: object) => ({
    stream: { ...discovered.find((s) => s.name === name)!, ...(jsonSchema ? { json_schema: jsonSchema } : {}) },
    sync_mode: syncMode,
    destination_sync_mode: 'append',
  });

  test('sync modes map to replication methods, in catalog order', () => {
    const selected = selectFromConfiguredCatalog({
      streams: [configured('products', 'incremental'), configured('orders', 'full_refresh'), configured('coupons', 'full_refresh')],
    });
    expect(selected.map((s) => [s.definition.name, s.replicationMethod, s.selectedFields])).toEqual([
      ['products', 'INCREMENTAL', null],
      ['orders', 'FULL_TABLE', null],
      ['coupons', 'FULL_TABLE', null],
    ]);
  });

  test('unknown streams, duplicates and unsupported modes are CatalogErrors', () => {
    expect(() => selectFromConfiguredCatalog({ streams: [configured('coupons', 'incremental')] })).toThrow(CatalogError);
    expect(() => selectFromConfiguredCatalog({ streams: [configured('orders', 'cdc')] })).toThrow(CatalogError);
    expect(() =>
      selectFromConfiguredCatalog({ streams: [{ ...configured('orders', 'incremental'), stream: { name: 'not_a_stream' } }] }),
    ).toThrow(/unknown stream "not_a_stream"/);
    expect(() =>
      selectFromConfiguredCatalog({ streams: [configured('orders', 'incremental'), configured('orders', 'incremental')] }),
    ).toThrow(/twice/);
    expect(() => selectFromConfiguredCatalog([])).toThrow(CatalogError);
  });
});

test('failure types', () => {
  expect(failureTypeOf(new ConfigError('x'))).toBe('config_error');
  expect(failureTypeOf(new UnauthorizedError('x', { status: 401, method: 'GET', path: '/v2/orders', isRetriable: false }))).toBe(
    'config_error',
  );
  expect(failureTypeOf(new RateLimitedError('x', { status: 429, method: 'GET', path: '/v2/orders', isRetriable: true, resetMs: 10 }))).toBe(
    'transient_error',
  );
  expect(failureTypeOf(new TypeError('x'))).toBe('system_error');
});
