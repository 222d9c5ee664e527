import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../src/clock.js';
import { createApiClient } from '../../src/http/client.js';
import { createMemoryLogger } from '../../src/logger.js';
import { refunds } from '../../src/streams/refunds.js';
import { subscribers } from '../../src/streams/subscribers.js';
import type { WalkBatch, WalkCursor } from '../../src/sync/incremental/keyset-steps.js';
import { walkSplitWindow, walkWindowPages } from '../../src/sync/incremental/window-walks.js';
import { ServerClock } from '../../src/sync/server-clock.js';

const API = 'https://api.window.test';
const STORE = 'win123';
const NOW_S = Date.UTC(2024, 5, 1) / 1000;

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

interface Row {
  id: number;
  second: number;
}

/**
 * A v3 list with date filters and no sort: records in a scrambled order, `meta.pagination.total`, `:min`/`:max`
 * inclusive or exclusive; `onRequest` may change the store between requests.
 */
function serve(
  path: string,
  key: string,
  rows: Row[],
  options: { isInclusive: boolean; onRequest?: (n: number) => void; withoutTotals?: boolean },
) {
  const requests: string[] = [];
  nock(API)
    .persist()
    .get(`/stores/${STORE}/v3${path}`)
    .query(true)
    .reply((uri) => {
      options.onRequest?.(requests.length);
      const q = new URL(uri, API).searchParams;
      requests.push(q.toString());
      const min = q.get(`${key}:min`);
      const max = q.get(`${key}:max`);
      const minS = min === null ? -Infinity : Date.parse(min) / 1000;
      const maxS = max === null ? Infinity : Date.parse(max) / 1000;
      const matching = rows
        .filter((r) => (options.isInclusive ? r.second >= minS && r.second <= maxS : r.second > minS && r.second < maxS))
        .sort((a, b) => ((a.id * 7919) % 101) - ((b.id * 7919) % 101));
      const limit = Number(q.get('limit') ?? 50);
      const page = Number(q.get('page') ?? 1);
      const data = matching
        .slice((page - 1) * limit, page * limit)
        .map((r) => ({ id: r.id, [key]: new Date(r.second * 1000).toISOString() }));
      return [
        200,
        {
          data,
          meta: options.withoutTotals
            ? {}
            : {
                pagination: {
                  total: matching.length,
                  count: data.length,
                  per_page: limit,
                  current_page: page,
                  total_pages: Math.ceil(matching.length / limit),
                },
              },
        },
        { Date: new Date(NOW_S * 1000).toUTCString() },
      ];
    });
  return requests;
}

async function collect(walk: AsyncGenerator<WalkBatch>) {
  const ids: number[] = [];
  let cursor: WalkCursor | null = null;
  for await (const batch of walk) {
    ids.push(...batch.records.map((r) => Number(r.id)));
    cursor = batch.cursor;
  }
  return { ids, cursor: cursor as WalkCursor | null };
}

function options(definition: typeof subscribers, startS: number, pageSize: number) {
  const clock = createFakeClock(NOW_S * 1000);
  const logger = createMemoryLogger('warn');
  const client = createApiClient({
    apiUrl: API,
    storeHash: STORE,
    accessToken: 't',
    userAgent: 'test',
    requestTimeoutMs: 1000,
    maxRetries: 0,
    maxConcurrency: 1,
    clock,
    logger,
    scopes: {},
  });
  return { client, definition, pageSize, start: { secondMs: startS * 1000, position: null }, serverClock: new ServerClock(clock), logger };
}

const base = NOW_S - 100_000;

function store(): Row[] {
  const rows: Row[] = [];
  let id = 1;
  for (let i = 0; i < 40; i++) rows.push({ id: id++, second: base + i * 997 });
  // One second holding more than a page.
  for (let i = 0; i < 12; i++) rows.push({ id: id++, second: base + 5_000 });
  return rows;
}

describe.each([true, false])('split-window walk (filters inclusive: %s)', (isInclusive) => {
  it('without meta.pagination totals: a short page holds its part, a full one is split; every record once', async () => {
    const rows = store();
    const requests = serve('/customers/subscribers', 'date_modified', rows, { isInclusive, withoutTotals: true });
    const { ids } = await collect(walkSplitWindow(options(subscribers, base, 5)));
    expect([...ids].sort((a, b) => a - b)).toEqual(rows.map((r) => r.id).sort((a, b) => a - b));
    // Splitting on full pages only: a bounded number of requests, not one per second of the window.
    expect(requests.length).toBeLessThan(120);
  });

  it('reads every record exactly once, splitting the window until each part fits a page', async () => {
    const rows = store();
    const requests = serve('/customers/subscribers', 'date_modified', rows, { isInclusive });
    const { ids, cursor } = await collect(walkSplitWindow(options(subscribers, base, 5)));
    expect([...ids].sort((a, b) => a - b)).toEqual(rows.map((r) => r.id).sort((a, b) => a - b));
    expect(cursor).toEqual({ secondMs: (base + 39 * 997) * 1000, position: null });
    // 52 records at 5 a page: under 4.5 requests per page of records, the empty parts included.
    expect(requests.length).toBeLessThan(47);
  });

  it('loses nothing when records are modified mid-walk: the next run from the final cursor reads them', async () => {
    const rows = store();
    const moved = new Set<number>();
    serve('/customers/subscribers', 'date_modified', rows, {
      isInclusive,
      onRequest: (n) => {
        if (n % 3 !== 2) return;
        const row = rows[(n * 13) % rows.length]!;
        row.second = NOW_S; // modified now: at the window's end, or past it for a walk that started earlier
        moved.add(row.id);
      },
    });
    const first = await collect(walkSplitWindow(options(subscribers, base, 5)));
    nock.cleanAll();
    serve('/customers/subscribers', 'date_modified', rows, { isInclusive });
    const second = await collect(walkSplitWindow({ ...options(subscribers, 0, 5), start: first.cursor! }));
    const union = new Set([...first.ids, ...second.ids]);
    for (const row of rows) expect(union.has(row.id), `record ${row.id}`).toBe(true);
    expect(moved.size).toBeGreaterThan(0);
  });
});

describe.each([true, false])('window-pages walk (filters inclusive: %s)', (isInclusive) => {
  it('reads the fixed window page by page, each record once; the bookmark is the last second written', async () => {
    const rows: Row[] = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, second: base + i * 60 }));
    serve('/orders/payment_actions/refunds', 'created', rows, { isInclusive });
    const { ids, cursor } = await collect(walkWindowPages(options(refunds, base, 5)));
    expect([...ids].sort((a, b) => a - b)).toEqual(rows.map((r) => r.id));
    expect(cursor).toEqual({ secondMs: (base + 11 * 60) * 1000, position: null });
  });
});
