import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../src/clock.js';
import { createApiClient } from '../../src/http/client.js';
import { createMemoryLogger } from '../../src/logger.js';
import { scopesByStream } from '../../src/streams/index.js';
import { orders as ordersStream } from '../../src/streams/orders.js';
import { type WalkCursor, walkIncremental } from '../../src/sync/incremental/keyset-walk.js';
import { ServerClock } from '../../src/sync/server-clock.js';
import { API, type FakeOrder, NOW_S, type OrdersApiOptions, STORE, serveOrders } from '../helpers/orders-api.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const base = NOW_S - 10_000;

function makeWalk(start: WalkCursor, pageSize = 3) {
  const clock = createFakeClock(NOW_S * 1000);
  const logger = createMemoryLogger('warn');
  const client = createApiClient({
    apiUrl: API,
    storeHash: STORE,
    accessToken: 'secret-token-123',
    userAgent: 'test',
    requestTimeoutMs: 1000,
    maxRetries: 0,
    maxConcurrency: 1,
    clock,
    logger,
    scopes: scopesByStream(),
  });
  return walkIncremental({ client, definition: ordersStream, pageSize, start, serverClock: new ServerClock(clock), logger });
}

async function collect(start: WalkCursor, pageSize = 3) {
  const ids: number[] = [];
  const cursors: WalkCursor[] = [];
  for await (const batch of makeWalk(start, pageSize)) {
    ids.push(...batch.records.map((r) => Number(r.id)));
    cursors.push(batch.cursor);
  }
  return { ids, cursors };
}

const variants: Array<[string, OrdersApiOptions]> = [
  ['inclusive min, ties by id', { minInclusive: true, tieOrder: 'id' }],
  ['exclusive min, ties by id', { minInclusive: false, tieOrder: 'id' }],
  ['inclusive min, ties reversed', { minInclusive: true, tieOrder: 'reverse' }],
  ['exclusive min, ties reversed', { minInclusive: false, tieOrder: 'reverse' }],
  ['exclusive min and exclusive max, ties reversed', { minInclusive: false, maxInclusive: false, tieOrder: 'reverse' }],
  ['inclusive min, exclusive max', { minInclusive: true, maxInclusive: false }],
];

describe.each(variants)('incremental walk (%s)', (_name, api) => {
  it('emits every record exactly once, including ties at page boundaries', async () => {
    const orders: FakeOrder[] = [
      { id: 1, modified: base },
      { id: 2, modified: base + 1 },
      { id: 3, modified: base + 1 },
      { id: 4, modified: base + 1 },
      { id: 5, modified: base + 2 },
      { id: 6, modified: base + 5 },
      { id: 7, modified: base + 5 },
    ];
    serveOrders(orders, api);
    const { ids } = await collect({ secondMs: base * 1000, position: null });
    expect([...ids].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('walks a run of one second longer than several pages without looping or skipping', async () => {
    const orders: FakeOrder[] = [{ id: 1, modified: base }];
    for (let id = 2; id <= 12; id++) orders.push({ id, modified: base + 3 });
    orders.push({ id: 13, modified: base + 4 });
    const { requests } = serveOrders(orders, api);
    const { ids } = await collect({ secondMs: base * 1000, position: null });
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(new Set(ids).size).toBe(13);
    expect(requests.length).toBeLessThan(20);
  });

  it('walks with a page of one record (id filters proved inclusive or not)', async () => {
    const orders: FakeOrder[] = [
      { id: 1, modified: base },
      { id: 2, modified: base + 2 },
      { id: 3, modified: base + 2 },
      { id: 4, modified: base + 2 },
      { id: 5, modified: base + 3 },
    ];
    serveOrders(orders, api);
    const { ids } = await collect({ secondMs: base * 1000, position: null }, 1);
    expect([...ids].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it('includes records sharing the bookmark second on the next run', async () => {
    const orders: FakeOrder[] = [
      { id: 1, modified: base },
      { id: 2, modified: base },
      { id: 3, modified: base + 1 },
    ];
    serveOrders(orders, api);
    const { ids } = await collect({ secondMs: base * 1000, position: null });
    expect([...ids].sort((a, b) => a - b)).toEqual([1, 2, 3]);
  });

  it('resumes inside a second from a position without re-emitting what it covers', async () => {
    const orders: FakeOrder[] = [];
    for (let id = 1; id <= 8; id++) orders.push({ id, modified: base });
    orders.push({ id: 9, modified: base + 1 });
    serveOrders(orders, api);
    const { ids } = await collect({ secondMs: base * 1000, position: { id: 4 } });
    expect([...ids].sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9]);
  });
});

describe('incremental walk over dates with fractional seconds', () => {
  it.each([true, false])('walks a dense second whose records carry milliseconds (exclusive min: %s)', async (isExclusive) => {
    const orders: FakeOrder[] = [{ id: 1, modified: base }];
    // More than a page in one second, some exactly on the second and most inside it.
    for (let id = 2; id <= 12; id++) orders.push({ id, modified: base + 3 + (id % 3 === 0 ? 0 : id / 100) });
    // Inside the second before a dense one: proves nothing about an exclusive :min.
    orders.push({ id: 14, modified: base + 2.5 });
    orders.push({ id: 13, modified: base + 4.25 });
    serveOrders(orders, { isSubSecond: true, minInclusive: !isExclusive });
    const { ids } = await collect({ secondMs: base * 1000, position: null });
    expect([...ids].sort((a, b) => a - b).join(',')).toBe(Array.from({ length: 14 }, (_, i) => i + 1).join(','));
  });
});

describe('incremental walk over a list that is not sorted', () => {
  it('stops with a clear error rather than skipping records', async () => {
    serveOrders(
      [
        { id: 1, modified: base + 9 },
        { id: 2, modified: base + 1 },
        { id: 3, modified: base + 5 },
      ],
      { ignoreSort: true },
    );
    await expect(collect({ secondMs: base * 1000, position: null })).rejects.toThrow(
      'The orders list came back not sorted by date_modified (record 2 follows a later one), so an incremental sync could skip records: stopping. Check that api_url points at the BigCommerce API (a proxy may drop the sort parameter).',
    );
  });
});

describe('incremental walk under live changes', () => {
  it('loses no record when records move to the end mid-sync: the next run from the final cursor gets them', async () => {
    const orders: FakeOrder[] = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, modified: base + i }));
    const latest = new Map<number, number>();
    serveOrders(orders, {
      beforeRequest: (index, list) => {
        if (index === 2) {
          // Records already read and not yet read are modified: they move past the window's upper end.
          for (const id of [2, 9]) {
            const o = list.find((x) => x.id === id)!;
            o.modified = NOW_S + 5;
          }
        }
      },
    });
    const first = await collect({ secondMs: base * 1000, position: null });
    for (const o of orders) latest.set(o.id, o.modified);
    const final = first.cursors[first.cursors.length - 1]!;
    nock.cleanAll();
    // Second run, later: the window's upper end now covers the modified records.
    const later = orders.map((o) => ({ ...o }));
    serveOrdersAt(later, NOW_S + 100);
    const second = await collect(final);
    const union = new Set([...first.ids, ...second.ids]);
    expect([...union].sort((a, b) => a - b)).toEqual(orders.map((o) => o.id).sort((a, b) => a - b));
    expect(second.ids).toEqual(expect.arrayContaining([2, 9]));
  });
});

function serveOrdersAt(orders: FakeOrder[], nowS: number) {
  return nock(API)
    .persist()
    .get(`/stores/${STORE}/v2/orders`)
    .query(true)
    .reply((uri) => {
      const q = new URL(uri, API).searchParams;
      const s = (n: string) => (q.get(n) === null ? null : Math.floor(Date.parse(q.get(n)!) / 1000));
      const min = s('min_date_modified');
      const max = s('max_date_modified');
      const minId = q.get('min_id');
      const rows = orders
        .filter(
          (o) => (min === null || o.modified >= min) && (max === null || o.modified <= max) && (minId === null || o.id >= Number(minId)),
        )
        .sort((a, b) => (q.get('sort')?.startsWith('id') ? a.id - b.id : a.modified - b.modified || a.id - b.id))
        .slice(0, Number(q.get('limit')));
      if (rows.length === 0) return [204, ''];
      return [
        200,
        rows.map((o) => ({ id: o.id, date_modified: new Date(o.modified * 1000).toUTCString().replace('GMT', '+0000') })),
        { Date: new Date(nowS * 1000).toUTCString() },
      ];
    });
}

describe('customers: a saved cursor the API refuses', () => {
  it('reads that second again from its start instead of failing', async () => {
    const second = base + 7;
    const customers = Array.from({ length: 5 }, (_, i) => ({
      id: i + 1,
      date_modified: new Date(second * 1000).toISOString().replace('.000Z', 'Z'),
    }));
    const requests: string[] = [];
    nock(API)
      .persist()
      .get(`/stores/${STORE}/v3/customers`)
      .query(true)
      .reply((uri) => {
        const q = new URL(uri, API).searchParams;
        requests.push(q.toString());
        const after = q.get('after');
        if (after === 'expired')
          return [422, { status: 422, title: 'The cursor is not valid.', type: '/api-docs/getting-started/api-status-codes', errors: {} }];
        const min = Math.floor(Date.parse(q.get('date_modified:min')!) / 1000);
        const max = q.get('date_modified:max') ? Math.floor(Date.parse(q.get('date_modified:max')!) / 1000) : Infinity;
        const afterId = after ? Number(Buffer.from(after, 'base64').toString().split(':')[1]) : 0;
        const rows = customers.filter((c) => second >= min && second <= max && c.id > afterId).slice(0, Number(q.get('limit')));
        const last = rows.at(-1);
        const cursor = last ? Buffer.from(`id:${last.id}`).toString('base64') : undefined;
        return [
          200,
          {
            data: rows,
            meta: { cursor_pagination: { count: rows.length, per_page: rows.length, ...(cursor ? { end_cursor: cursor } : {}) } },
          },
        ];
      });
    const clock = createFakeClock((second + 100) * 1000);
    const logger = createMemoryLogger('warn');
    const client = createApiClient({
      apiUrl: API,
      storeHash: STORE,
      accessToken: 'secret-token-123',
      userAgent: 'test',
      requestTimeoutMs: 1000,
      maxRetries: 0,
      maxConcurrency: 1,
      clock,
      logger,
      scopes: scopesByStream(),
    });
    const { customers: definition } = await import('../../src/streams/customers.js');
    const ids: number[] = [];
    for await (const batch of walkIncremental({
      client,
      definition,
      pageSize: 2,
      start: { secondMs: second * 1000, position: { after: 'expired', id: 3 } },
      serverClock: new ServerClock(clock),
      logger,
    })) {
      ids.push(...batch.records.map((r) => Number(r.id)));
    }
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(logger.lines.some((l) => l.includes('refused the saved cursor'))).toBe(true);
  });
});
