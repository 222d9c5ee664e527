import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { createApiClient } from '../../src/http/client.js';
import { createMemoryLogger } from '../../src/logger.js';
import { emptyState } from '../../src/state.js';
import type { SelectedStream } from '../../src/streams/selected-stream.js';
import { defineStream } from '../../src/streams/types.js';
import { runSync } from '../../src/sync/engine.js';
import type { TapEvent } from '../../src/sync/events.js';

const API = 'https://api.proof.test';
const STORE = 'prf123';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

/** A v2 list with no id filter and no total (like /v2/currencies): walked by page. */
const pagedTable = defineStream({
  name: 'coupons', // borrows a registered stream's schema: {id, name, ...}
  api: 'v2',
  path: '/paged',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'page' } },
  scope: { label: 'Marketing', id: 'store_v2_marketing_read_only' },
  description: 'test',
  requestCost: 'test',
});

function serve(rows: Array<{ id: number }>, options: { ignoresPaging?: boolean } = {}) {
  const requests: string[] = [];
  nock(API)
    .persist()
    .get(`/stores/${STORE}/v2/paged`)
    .query(true)
    .reply((uri) => {
      const q = new URL(uri, API).searchParams;
      requests.push(q.toString());
      const limit = Number(q.get('limit'));
      const page = Number(q.get('page'));
      const slice = options.ignoresPaging ? rows : rows.slice((page - 1) * limit, page * limit);
      return slice.length === 0 ? [204, ''] : [200, slice];
    });
  return requests;
}

/** A v3 list with `id:min` whose default order is by name, not id (the order brands' spec leaves open). */
const byIdTable = defineStream({
  name: 'brands',
  api: 'v3',
  path: '/by-name',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'id', idMin: 'id:min' } },
  scope: { label: 'Products', id: 'store_v2_products_read_only' },
  description: 'test',
  requestCost: 'test',
});

/** Rows served in name order (ids 1..n named so that the order is 3, 1, 4, 2, 5...), filtered by `id:min`. */
function serveByName(rows: Array<{ id: number; name: string }>) {
  const requests: string[] = [];
  nock(API)
    .persist()
    .get(`/stores/${STORE}/v3/by-name`)
    .query(true)
    .reply((uri) => {
      const q = new URL(uri, API).searchParams;
      requests.push(q.toString());
      const limit = Number(q.get('limit'));
      const page = Number(q.get('page') ?? 1);
      const min = Number(q.get('id:min') ?? 0);
      const matching = rows.filter((r) => r.id >= min).sort((a, b) => a.name.localeCompare(b.name));
      const data = matching.slice((page - 1) * limit, page * limit);
      const total_pages = Math.ceil(matching.length / limit);
      return [
        200,
        { data, meta: { pagination: { total: matching.length, count: data.length, per_page: limit, current_page: page, total_pages } } },
      ];
    });
  return requests;
}

async function run(pageSize: number, definition = pagedTable) {
  const clock = createFakeClock(Date.UTC(2024, 5, 1));
  const logger = createMemoryLogger('info');
  const { config } = parseConfig({
    store_hash: STORE,
    access_token: 't',
    start_date: '2024-01-01T00:00:00Z',
    api_url: API,
    page_size: pageSize,
  });
  const client = createApiClient({
    ...config,
    userAgent: 'test',
    requestTimeoutMs: 1000,
    maxRetries: 0,
    maxConcurrency: 1,
    clock,
    logger,
    scopes: {},
  });
  const streams: SelectedStream[] = [
    {
      definition,
      schema: { type: 'object', properties: { id: { type: ['integer'] } } },
      selectedFields: null,
      replicationMethod: 'FULL_TABLE',
    },
  ];
  const events: TapEvent[] = [];
  for await (const event of runSync({ client, config, logger, clock, state: emptyState(), streams, stateIntervalMs: 0 }))
    events.push(event);
  return { events, logger };
}

const records = (events: TapEvent[]) => events.flatMap((e) => (e.type === 'record' ? [e.record.id as number] : []));

describe('a page walk with no total to check it against', () => {
  it('is walked again to prove it complete, and the second walk writes only what the first did not', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: i + 1 }));
    const requests = serve(rows);
    const { events, logger } = await run(2);
    expect(records(events)).toEqual([1, 2, 3, 4, 5]);
    expect(requests.filter((r) => r.includes('page=1'))).toHaveLength(2);
    expect(logger.lines.some((l) => l.includes('walking the table again to prove it complete'))).toBe(true);
    // Proven by two identical walks: the version is closed.
    expect(events.filter((e) => e.type === 'activate_version')).toHaveLength(2);
  });

  it('takes one response holding more records than asked for (an endpoint without paging) as the whole table', async () => {
    const requests = serve(
      Array.from({ length: 5 }, (_, i) => ({ id: i + 1 })),
      { ignoresPaging: true },
    );
    const { events } = await run(2);
    expect(records(events)).toEqual([1, 2, 3, 4, 5]);
    expect(requests).toHaveLength(2);
    expect(events.filter((e) => e.type === 'activate_version')).toHaveLength(2);
  });
});

describe('a by-id walk over a list whose default order is not by id', () => {
  it('walks the rest by page once a full page comes out of id order: no record skipped, none written twice', async () => {
    const names = ['m', 'c', 'x', 'a', 'q', 'f', 'z', 'b', 'k'];
    const rows = names.map((name, i) => ({ id: i + 1, name }));
    serveByName(rows);
    const { events, logger } = await run(3, byIdTable);
    expect(records(events).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(logger.lines.filter((l) => l.includes('not in id order'))).toEqual([
      'WARN brands: the list is not in id order (ids 4, 8, 2...); the rest of the table is walked by page and proven by its totals',
    ]);
    // Proven by steady totals that match the records written: the version is closed.
    expect(events.filter((e) => e.type === 'activate_version')).toHaveLength(2);
  });

  it('keeps walking by id while full pages come in id order', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, name: String.fromCharCode(97 + i) }));
    const requests = serveByName(rows);
    const { events, logger } = await run(3, byIdTable);
    expect(records(events)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(requests.some((r) => r.includes('page='))).toBe(false);
    expect(logger.lines.some((l) => l.includes('not in id order'))).toBe(false);
  });
});

/** A v2 list walked by `min_id` (like coupons) on an API that ignores the filter: every request gets page 1 (or the page asked). */
const ignoresMinId = defineStream({
  name: 'coupons',
  api: 'v2',
  path: '/ignores-min-id',
  key: ['id'],
  replication: { method: 'FULL_TABLE', walk: { by: 'id', idMin: 'min_id', sort: { sort: 'id' } } },
  scope: { label: 'Marketing', id: 'store_v2_marketing_read_only' },
  description: 'test',
  requestCost: 'test',
});

describe('a by-id walk over a list that ignores its id filter', () => {
  it('walks the table by page instead of stopping after the first page: every record once, the version closed', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ id: i + 1 }));
    nock(API)
      .persist()
      .get(`/stores/${STORE}/v2/ignores-min-id`)
      .query(true)
      .reply((uri) => {
        const q = new URL(uri, API).searchParams;
        const limit = Number(q.get('limit'));
        const page = Number(q.get('page') ?? 1);
        const slice = rows.slice((page - 1) * limit, page * limit);
        return slice.length === 0 ? [204, ''] : [200, slice];
      });
    const { events, logger } = await run(3, ignoresMinId);
    expect([...new Set(records(events))].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(logger.lines.filter((l) => l.includes('ignores min_id'))).toEqual([
      'WARN coupons: the list ignores min_id (ids below 3 came back); the table is walked by page and proven by its totals',
    ]);
    // Proven (two page walks saw the same records): the version is closed, at the start (first sync) and the end.
    expect(events.filter((e) => e.type === 'activate_version')).toHaveLength(2);
    expect(records(events)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
