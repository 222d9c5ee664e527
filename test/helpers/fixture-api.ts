import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { STREAMS } from '../../src/streams/index.js';
import type { StreamDefinition } from '../../src/streams/types.js';

export const API = 'https://api.fixture.test';
export const STORE = 'abc123';
export const SERVER_DATE = 'Sat, 01 Jun 2024 00:00:00 GMT';

type Row = Record<string, unknown>;

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'api');

export function fixture<T = Row[]>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as T;
}

const seconds = (value: unknown) => Math.floor(Date.parse(String(value)) / 1000);

/** The filters one stream's endpoint gets from the tap, per its registry definition. */
interface ListFilters {
  min?: string;
  max?: string;
  idMin?: string;
}

function listFilters(definition: StreamDefinition): ListFilters {
  const r = definition.replication;
  if (r.method === 'FULL_TABLE') return r.walk.by === 'id' ? { idMin: r.walk.idMin } : {};
  if (r.method !== 'INCREMENTAL') return {};
  const walk = r.walk;
  const idMin = walk.kind === 'keyset' && walk.withinSecond.by === 'id' ? walk.withinSecond.idMin : undefined;
  return { min: r.window.min, max: r.window.max, idMin };
}

function filterAndSort(rows: Row[], q: URLSearchParams, filters: ListFilters): Row[] {
  const min = filters.min === undefined ? null : q.get(filters.min);
  const max = filters.max === undefined ? null : q.get(filters.max);
  const minId = filters.idMin === undefined ? null : q.get(filters.idMin);
  // Full-table lists have no date order; incremental ones sort by date unless the tap asks for id order.
  const sortById = filters.min === undefined || (q.get('sort') ?? '').startsWith('id');
  return rows
    .filter(
      (r) =>
        (min === null || seconds(r.date_modified) >= seconds(min)) &&
        (max === null || seconds(r.date_modified) <= seconds(max)) &&
        (minId === null || Number(r.id) >= Number(minId)),
    )
    .sort((a, b) =>
      sortById ? Number(a.id) - Number(b.id) : seconds(a.date_modified) - seconds(b.date_modified) || Number(a.id) - Number(b.id),
    );
}

function pageOf(rows: Row[], q: URLSearchParams): Row[] {
  const limit = Number(q.get('limit') ?? 50);
  const page = Number(q.get('page') ?? 1);
  return rows.slice((page - 1) * limit, page * limit);
}

const v2 = (rows: Row[]): nock.ReplyFnResult => (rows.length === 0 ? [204, ''] : [200, rows, { Date: SERVER_DATE }]);
const v3 = (rows: Row[], total: number): nock.ReplyFnResult => [
  200,
  {
    data: rows,
    meta: {
      pagination: { total, count: rows.length, per_page: rows.length, current_page: 1, total_pages: 1, links: { current: '?page=1' } },
    },
  },
  { Date: SERVER_DATE },
];

export interface FixtureApi {
  /** Paths requested, with query strings, in order. */
  requests: string[];
}

/** A stream's fixture, or no records when the stream has none yet (a stream added without test data). */
function fixtureOrEmpty(name: string): Row[] {
  return existsSync(join(FIXTURES, `${name}.json`)) ? fixture(name) : [];
}

/**
 * Serves every registered top-level stream (its `test/fixtures/api/<name>.json`, or nothing) at its path with the
 * filters its definition uses, and the order sub-resources (`order_<field>.json`, keyed by order id).
 */
export function serveFixtures(
  options: { forbid?: string[]; mutateOrders?: (orders: Row[]) => void; failWhen?: (path: string, query: URLSearchParams) => boolean } = {},
): FixtureApi {
  const requests: string[] = [];
  const lists = new Map<string, { definition: StreamDefinition; rows: Row[] }>();
  for (const definition of STREAMS) {
    if (definition.replication.method === 'CHILD') continue;
    const rows = fixtureOrEmpty(definition.name);
    if (definition.name === 'orders') options.mutateOrders?.(rows);
    lists.set(`/${definition.api}${definition.path}`, { definition, rows });
  }
  const subs: Record<string, Record<string, Row[]>> = {
    products: fixture('order_products'),
    shipping_addresses: fixture('order_shipping_addresses'),
    coupons: fixture('order_coupons'),
  };
  const forbidden = (path: string) => options.forbid?.some((f) => path.includes(f));
  nock(API)
    .persist()
    .get(new RegExp(`^/stores/${STORE}/v[23]/`))
    .query(true)
    .reply((uri) => {
      const url = new URL(uri, API);
      const path = url.pathname.replace(`/stores/${STORE}`, '');
      requests.push(path + url.search);
      const q = url.searchParams;
      if (forbidden(path)) {
        return [
          403,
          {
            status: 403,
            title: "You don't have a required scope to access the endpoint",
            type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes',
            errors: {},
          },
        ];
      }
      if (options.failWhen?.(path, q)) return [500, '<html>Internal Server Error</html>'];
      const list = lists.get(path);
      if (list !== undefined) {
        const rows = filterAndSort(list.rows, q, listFilters(list.definition));
        return list.definition.api === 'v2' ? v2(pageOf(rows, q)) : v3(pageOf(rows, q), rows.length);
      }
      const sub = /^\/v2\/orders\/(\d+)\/(products|shipping_addresses|coupons)$/.exec(path);
      if (sub) return v2(pageOf(subs[sub[2]!]![sub[1]!] ?? [], q));
      return [404, [{ status: 404, message: 'The requested resource was not found.' }]];
    });
  return { requests };
}
