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
  /** The field the date filters apply to (the replication key: `date_modified`, refunds' `created`). */
  key?: string;
}

function listFilters(definition: StreamDefinition): ListFilters {
  const r = definition.replication;
  if (r.method === 'FULL_TABLE') return r.walk.by === 'id' ? { idMin: r.walk.idMin } : {};
  if (r.method !== 'INCREMENTAL') return {};
  const walk = r.walk;
  const idMin = walk.kind === 'keyset' && walk.withinSecond.by === 'id' ? walk.withinSecond.idMin : undefined;
  return { min: r.window.min, max: r.window.max, idMin, key: r.replicationKey };
}

function filterAndSort(rows: Row[], q: URLSearchParams, filters: ListFilters): Row[] {
  const min = filters.min === undefined ? null : q.get(filters.min);
  const max = filters.max === undefined ? null : q.get(filters.max);
  const minId = filters.idMin === undefined ? null : q.get(filters.idMin);
  // Full-table lists have no date order; incremental ones sort by date unless the tap asks for id order.
  // Refunds have no sort: id order, as the spec says; other incremental lists sort by date unless asked for id order.
  const key = filters.key ?? 'date_modified';
  const sortById = filters.min === undefined || key !== 'date_modified' || (q.get('sort') ?? '').startsWith('id');
  return rows
    .filter(
      (r) =>
        (min === null || seconds(r[key]) >= seconds(min)) &&
        (max === null || seconds(r[key]) <= seconds(max)) &&
        (minId === null || Number(r.id) >= Number(minId)),
    )
    .sort((a, b) => (sortById ? Number(a.id) - Number(b.id) : seconds(a[key]) - seconds(b[key]) || Number(a.id) - Number(b.id)));
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

/**
 * How `GET /v2/orders` answers `include=consignments…,fees`: as the spec says (`honor`), or one of the traps users
 * report: the include ignored, line items as link objects, the legacy array structure, empty `line_items`.
 */
export type IncludeMode = 'honor' | 'ignore' | 'links' | 'legacy' | 'empty-lines';

export const ORDER_FEES: Record<string, Row[]> = {
  '1001': [
    {
      id: 1,
      type: 'custom_fee',
      display_name_customer: 'Packaging',
      display_name_merchant: 'Packaging fee',
      source: 'v2',
      base_cost: '2.5000',
      cost_ex_tax: '2.5000',
      cost_inc_tax: '2.7500',
      cost_tax: '0.2500',
      tax_class_id: null,
    },
  ],
};

const COSTS = [
  'base_cost',
  'cost_ex_tax',
  'cost_inc_tax',
  'cost_tax',
  'base_handling_cost',
  'handling_cost_ex_tax',
  'handling_cost_inc_tax',
  'handling_cost_tax',
];
const link = (orderId: unknown, line: Row) => ({
  url: `https://api.bigcommerce.com/stores/${STORE}/v2/orders/${orderId}/products/${line.id}`,
  resource: `/orders/${orderId}/products/${line.id}`,
});

/** An order's consignments (object structure) built from the sub-resource fixtures, shaped per `orderConsignment_Get`. */
export function consignmentsOf(order: Row, lines: Row[], addresses: Row[], mode: IncludeMode, withLines: boolean): Row {
  const shown = (items: Row[]) =>
    !withLines || mode === 'links' ? items.map((l) => link(order.id, l)) : mode === 'empty-lines' ? [] : items;
  const shipping = addresses.map(({ order_id: _o, ...address }) => {
    const out: Row = { ...address, line_items: shown(lines.filter((l) => l.type === 'physical' && l.order_address_id === address.id)) };
    for (const key of COSTS) out[key] = Number(address[key]);
    return out;
  });
  const gifts = lines
    .filter((l) => l.type === 'giftcertificate')
    .map((l) => ({ recipient_email: 'friend@example.com', line_items: shown([l]) }));
  const digital = lines.filter((l) => l.type === 'digital');
  return {
    pickups: [],
    shipping,
    downloads: digital.length > 0 ? [{ recipient_email: 'buyer@example.com', line_items: shown(digital) }] : [],
    email: { gift_certificates: gifts },
  };
}

/** A stream's fixture, or no records when the stream has none yet (a stream added without test data). */
function fixtureOrEmpty(name: string): Row[] {
  return existsSync(join(FIXTURES, `${name}.json`)) ? fixture(name) : [];
}

/**
 * Serves every registered top-level stream (its `test/fixtures/api/<name>.json`, or nothing) at its path with the
 * filters its definition uses, and the order sub-resources and per-order children (`order_<field>.json`, keyed by
 * order id: products, shipping addresses, coupons, shipments, transactions).
 */
export function serveFixtures(
  options: {
    forbid?: string[];
    /** Paths this store does not serve at all (404), as when a feature is off for its plan. */
    missing?: string[];
    /** Paths whose query the store refuses (422), as an endpoint that takes other filters would. */
    refuse?: string[];
    mutateOrders?: (orders: Row[]) => void;
    failWhen?: (path: string, query: URLSearchParams) => boolean;
    include?: IncludeMode;
    /** Orders archived: left out of `GET /v2/orders` (which ignores `is_deleted`), served by their own path with `is_deleted: true`. */
    archivedOrders?: Row[];
  } = {},
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
    shipments: fixture('order_shipments'),
  };
  const orderTransactions: Record<string, Row[]> = fixture('order_transactions');
  const forbidden = (path: string) => options.forbid?.some((f) => path.includes(f));
  const mode = options.include ?? 'honor';
  const withIncludes = (order: Row, q: URLSearchParams): Row => {
    const include = new Set((q.get('include') ?? '').split(',').filter(Boolean));
    if (mode === 'ignore' || include.size === 0) return order;
    const id = String(order.id);
    const out: Row = { ...order };
    if (include.has('fees')) out.fees = ORDER_FEES[id] ?? [];
    const withLines = include.has('consignments.line_items');
    if (withLines || include.has('consignments')) {
      const built = consignmentsOf(order, subs.products![id] ?? [], subs.shipping_addresses![id] ?? [], mode, withLines);
      out.consignments = mode === 'legacy' || q.get('consignment_structure') !== 'object' ? [built] : built;
    }
    return out;
  };
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
      if (options.missing?.some((m) => path.includes(m))) return [404, { status: 404, title: 'Not Found', errors: {} }];
      if (options.refuse?.some((m) => path.includes(m))) return [422, { status: 422, title: 'The filter is not supported', errors: {} }];
      if (options.failWhen?.(path, q)) return [500, '<html>Internal Server Error</html>'];
      const list = lists.get(path);
      if (list !== undefined) {
        const rows = pageOf(filterAndSort(list.rows, q, listFilters(list.definition)), q);
        if (list.definition.name === 'orders') return v2(rows.map((order) => withIncludes(order, q)));
        return list.definition.api === 'v2' ? v2(rows) : v3(rows, filterAndSort(list.rows, q, listFilters(list.definition)).length);
      }
      const single = /^\/v2\/orders\/(\d+)$/.exec(path);
      if (single) {
        const order = [...lists.get('/v2/orders')!.rows, ...(options.archivedOrders ?? [])].find((o) => String(o.id) === single[1]);
        return order ? [200, order, { Date: SERVER_DATE }] : [404, [{ status: 404, message: 'The requested resource was not found.' }]];
      }
      const sub = /^\/v2\/orders\/(\d+)\/(products|shipping_addresses|coupons|shipments)$/.exec(path);
      if (sub) return v2(pageOf(subs[sub[2]!]![sub[1]!] ?? [], q));
      // An order's transactions: 204 when it has none, as the spec says.
      const transactions = /^\/v3\/orders\/(\d+)\/transactions$/.exec(path);
      if (transactions) {
        const rows = orderTransactions[transactions[1]!] ?? [];
        return rows.length === 0 ? [204, ''] : v3(rows, rows.length);
      }
      const fees = /^\/v2\/orders\/(\d+)\/fees$/.exec(path);
      if (fees) return [200, { fees: ORDER_FEES[fees[1]!] ?? [] }, { Date: SERVER_DATE }];
      const consignments = /^\/v2\/orders\/(\d+)\/consignments$/.exec(path);
      if (consignments) {
        const order = [...lists.get('/v2/orders')!.rows, ...(options.archivedOrders ?? [])].find((o) => String(o.id) === consignments[1])!;
        const id = String(order.id);
        const withLines = q.get('include') === 'consignments.line_items';
        return [
          200,
          consignmentsOf(order, subs.products![id] ?? [], subs.shipping_addresses![id] ?? [], 'honor', withLines),
          { Date: SERVER_DATE },
        ];
      }
      return [404, [{ status: 404, message: 'The requested resource was not found.' }]];
    });
  return { requests };
}
