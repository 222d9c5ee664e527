import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateError } from '../../src/errors.js';
import { formatState, parseState, parseStateWithWarnings, readStateFile } from '../../src/state.js';

const streams = ['coupons', 'customers', 'orders', 'products'];

describe('parseState', () => {
  it("reads and writes back this tap's form exactly", () => {
    const value = {
      bookmarks: {
        orders: { replication_key: 'date_modified', replication_key_value: '2024-05-01T10:00:00Z', position: { id: 1234 } },
        customers: {
          replication_key: 'date_modified',
          replication_key_value: '2024-05-01T10:00:00Z',
          position: { after: 'aWQ6Nw==', id: 7 },
        },
        coupons: { last_id: 870, version: 1732435200000 },
      },
      currently_syncing: 'orders',
    };
    const state = parseState(value, streams);
    expect(state.bookmarks.orders).toEqual({ replicationKeyValueMs: Date.UTC(2024, 4, 1, 10), position: { id: 1234 } });
    expect(state.bookmarks.coupons).toEqual({ lastId: 870, version: 1732435200000 });
    expect(state.currentlySyncing).toBe('orders');
    expect(formatState(state)).toEqual(value);
  });

  it("reads the singer-io tap's bookmarks", () => {
    const state = parseState(
      { bookmarks: { orders: { date_modified: '2019-03-11T15:17:25+00:00' }, products: { date_modified: '2019-03-11T15:17:25.000000Z' } } },
      streams,
    );
    expect(state.bookmarks).toEqual({
      orders: { replicationKeyValueMs: Date.UTC(2019, 2, 11, 15, 17, 25) },
      products: { replicationKeyValueMs: Date.UTC(2019, 2, 11, 15, 17, 25) },
    });
    expect(formatState(state)).toEqual({
      bookmarks: {
        orders: { replication_key: 'date_modified', replication_key_value: '2019-03-11T15:17:25Z' },
        products: { replication_key: 'date_modified', replication_key_value: '2019-03-11T15:17:25Z' },
      },
      currently_syncing: null,
    });
  });

  it('reads the Meltano SDK form, a STATE message and carries unknown streams over', () => {
    const sdk = {
      bookmarks: {
        customers: {
          replication_key: 'date_modified',
          replication_key_value: '2024-01-02T03:04:05+00:00',
          starting_replication_value: null,
        },
      },
    };
    expect(parseState(sdk, streams).bookmarks.customers).toEqual({ replicationKeyValueMs: Date.UTC(2024, 0, 2, 3, 4, 5) });
    const wrapped = parseState({ type: 'STATE', value: { bookmarks: { brands: { id: 5 } } } }, streams);
    expect(formatState(wrapped)).toEqual({ bookmarks: { brands: { id: 5 } }, currently_syncing: null });
  });

  it('rejects bad bookmark values with a clear error (exit 2)', () => {
    const attempts: Array<[unknown, string]> = [
      [
        { bookmarks: { orders: { date_modified: 'last tuesday' } } },
        'The state has a bad bookmark for "orders": "last tuesday" is not a date-time; use ISO 8601 like "2024-05-01T10:00:00Z" or remove the bookmark.',
      ],
      [
        { bookmarks: { orders: { replication_key_value: 12 } } },
        'The state has a bad bookmark for "orders": 12 is not a date-time; use ISO 8601 like "2024-05-01T10:00:00Z" or remove the bookmark.',
      ],
      [
        { bookmarks: { coupons: { last_id: 'x' } } },
        'The state has a bad "last_id" for "coupons": "x" is not a number; remove it to restart that table.',
      ],
      [
        { bookmarks: { orders: { replication_key: 'id', replication_key_value: '2024-01-01T00:00:00Z' } } },
        'The state bookmarks "orders" on "id"; this tap replicates it on date_modified: remove that bookmark.',
      ],
      [{ bookmarks: [] }, 'The state has "bookmarks" that is not an object: fix it or start without --state.'],
      [[1, 2], 'The state must be a JSON object like {"bookmarks": {...}}; pass the last STATE message\'s value.'],
    ];
    for (const [raw, message] of attempts) {
      let error: unknown;
      try {
        parseState(raw, streams);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StateError);
      expect((error as StateError).message).toBe(message);
      expect((error as StateError).exitCode).toBe(2);
    }
  });

  it('reads files: empty means no state; invalid JSON is a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tap-bc-state-'));
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '');
    expect(readStateFile(empty, streams)).toEqual({ state: { bookmarks: {}, currentlySyncing: null, foreign: {} }, warnings: [] });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"bookmarks":');
    expect(() => readStateFile(bad, streams)).toThrow(
      /^State file .*bad\.json is not valid JSON \(.*\): pass the last STATE message's value, or no --state for a full sync\.$/,
    );
  });

  it("warns per stream about bookmarks it can't read, naming the shape it expects; reads what it can", () => {
    const { state, warnings } = parseStateWithWarnings(
      {
        bookmarks: {
          orders: { updated_at: '2024-05-01T10:00:00Z' },
          customers: { replication_key_value: '2024-05-01T10:00:00Z', cursor: 'abc' },
          coupons: { last_id: 5, since: 3 },
          products: { replication_key: 'date_modified', replication_key_value: '2024-05-01T10:00:00Z', starting_replication_value: null },
        },
      },
      streams,
      'state file s.json',
    );
    expect(warnings).toEqual([
      'The state file s.json bookmark for "orders" has "updated_at", which this tap doesn\'t read, so "orders" syncs from start_date: it expects {"replication_key": "date_modified", "replication_key_value": "2024-05-01T10:00:00Z"}.',
      'The state file s.json bookmark for "customers" has "cursor", which this tap doesn\'t read: it expects {"replication_key": "date_modified", "replication_key_value": "2024-05-01T10:00:00Z"}.',
      'The state file s.json bookmark for "coupons" has "since", which this tap doesn\'t read: it expects {"version": 1732435200000} (with "last_id" while a table is read).',
    ]);
    expect(state.bookmarks).toEqual({
      orders: {},
      customers: { replicationKeyValueMs: Date.UTC(2024, 4, 1, 10) },
      coupons: { lastId: 5 },
      products: { replicationKeyValueMs: Date.UTC(2024, 4, 1, 10) },
    });
  });

  it("warns about another tool's top-level bookmarks and a Meltano database row: no bookmarks are read", () => {
    expect(parseStateWithWarnings({ orders: { updated_at: '2024-05-01T10:00:00Z' } }, streams).warnings).toEqual([
      'The state has "orders" at the top level, where this tap doesn\'t read it, so "orders" syncs from scratch: it expects {"bookmarks": {"orders": {"replication_key": "date_modified", "replication_key_value": "2024-05-01T10:00:00Z"}}}.',
    ]);
    const meltanoRow = {
      state_id: 'dev:tap-bigcommerce-to-target-jsonl',
      completed_state: { singer_state: { bookmarks: {} } },
      partial_state: {},
    };
    expect(parseStateWithWarnings(meltanoRow, streams).warnings).toEqual([
      'The state has no "bookmarks" (its keys: "state_id", "completed_state", "partial_state"), so every stream syncs from scratch: it expects the last STATE message\'s value, {"bookmarks": {"<stream>": {...}, ...}, "currently_syncing": null}.',
    ]);
  });

  it("reads this tap's, singer-io's and the Meltano SDK's forms without a warning", () => {
    for (const raw of [
      { bookmarks: { orders: { date_modified: '2024-05-01T10:00:00Z' } }, currently_syncing: null },
      { singer_state: { bookmarks: { orders: { replication_key: 'date_modified', replication_key_value: '2024-05-01T10:00:00Z' } } } },
      { type: 'STATE', value: { bookmarks: { coupons: { last_id: 870, version: 1 } } } },
      {},
    ]) {
      expect(parseStateWithWarnings(raw, streams).warnings).toEqual([]);
    }
  });
});

describe('slice progress', () => {
  it('round-trips the progress of the slices after the bookmark, and drops it with no bookmark', () => {
    const value = {
      bookmarks: {
        customers: {
          replication_key: 'date_modified',
          replication_key_value: '2024-05-01T10:00:00Z',
          position: { after: 'aWQ6Nw==', id: 7 },
          slices: [
            { from: '2024-06-01T00:00:00Z', at: { replication_key_value: '2024-06-03T00:00:00Z', position: { after: 'aWQ6OQ==', id: 9 } } },
            { from: '2024-07-01T00:00:00Z', done: true },
            { from: '2024-08-01T00:00:00Z' },
          ],
        },
        products: { slices: [{ from: '2024-06-01T00:00:00Z' }] },
      },
      currently_syncing: 'customers',
    };
    const state = parseState(value, ['customers', 'products']);
    expect(state.bookmarks.customers?.slices).toEqual([
      { fromMs: Date.UTC(2024, 5, 1), cursor: { secondMs: Date.UTC(2024, 5, 3), position: { after: 'aWQ6OQ==', id: 9 } } },
      { fromMs: Date.UTC(2024, 6, 1), isDone: true },
      { fromMs: Date.UTC(2024, 7, 1) },
    ]);
    expect(state.bookmarks.products).toEqual({});
    expect(formatState(state)).toEqual({ ...value, bookmarks: { ...value.bookmarks, products: {} } });
  });
});
