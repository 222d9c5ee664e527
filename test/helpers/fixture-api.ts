import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';

export const API = 'https://api.fixture.test';
export const STORE = 'abc123';
export const SERVER_DATE = 'Sat, 01 Jun 2024 00:00:00 GMT';

type Row = Record<string, unknown>;

export function fixture<T = Row[]>(name: string): T {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'api', `${name}.json`), 'utf8')) as T;
}

const seconds = (value: unknown) => Math.floor(Date.parse(String(value)) / 1000);

function filterAndSort(rows: Row[], q: URLSearchParams, minKey: string, maxKey: string, sortById: boolean): Row[] {
  const min = q.get(minKey);
  const max = q.get(maxKey);
  const minId = q.get('min_id') ?? q.get('id:min');
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

/** Serves the fixtures for all four streams and the order sub-resources, with the filters the tap uses. */
export function serveFixtures(
  options: { forbid?: string[]; mutateOrders?: (orders: Row[]) => void; failWhen?: (path: string, query: URLSearchParams) => boolean } = {},
): FixtureApi {
  const requests: string[] = [];
  const coupons = fixture('coupons');
  const customers = fixture('customers');
  const orders = fixture('orders');
  options.mutateOrders?.(orders);
  const products = fixture('products');
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
      if (path === '/v2/coupons') return v2(pageOf(filterAndSort(coupons, q, '-', '-', true), q));
      if (path === '/v2/orders')
        return v2(pageOf(filterAndSort(orders, q, 'min_date_modified', 'max_date_modified', q.get('sort') === 'id:asc'), q));
      const sub = /^\/v2\/orders\/(\d+)\/(products|shipping_addresses|coupons)$/.exec(path);
      if (sub) return v2(pageOf(subs[sub[2]!]![sub[1]!] ?? [], q));
      if (path === '/v3/customers') {
        const rows = filterAndSort(customers, q, 'date_modified:min', 'date_modified:max', false);
        return v3(pageOf(rows, q), rows.length);
      }
      if (path === '/v3/catalog/products') {
        const rows = filterAndSort(products, q, 'date_modified:min', 'date_modified:max', q.get('sort') === 'id');
        return v3(pageOf(rows, q), rows.length);
      }
      return [404, [{ status: 404, message: 'The requested resource was not found.' }]];
    });
  return { requests };
}
