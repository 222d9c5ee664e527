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

export function serveFixtures(
  options: {
    forbid?: string[];
    mutateOrders?: (orders: Row[]) => void;
    failWhen?: (path: string, query: URLSearchParams) => boolean;
    include?: IncludeMode;
  } = {},
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
      if (options.failWhen?.(path, q)) return [500, '<html>Internal Server Error</html>'];
      if (path === '/v2/coupons') return v2(pageOf(filterAndSort(coupons, q, '-', '-', true), q));
      if (path === '/v2/orders') {
        const rows = pageOf(filterAndSort(orders, q, 'min_date_modified', 'max_date_modified', q.get('sort') === 'id:asc'), q);
        return v2(rows.map((order) => withIncludes(order, q)));
      }
      const sub = /^\/v2\/orders\/(\d+)\/(products|shipping_addresses|coupons)$/.exec(path);
      if (sub) return v2(pageOf(subs[sub[2]!]![sub[1]!] ?? [], q));
      const fees = /^\/v2\/orders\/(\d+)\/fees$/.exec(path);
      if (fees) return [200, { fees: ORDER_FEES[fees[1]!] ?? [] }, { Date: SERVER_DATE }];
      const consignments = /^\/v2\/orders\/(\d+)\/consignments$/.exec(path);
      if (consignments) {
        const order = orders.find((o) => String(o.id) === consignments[1])!;
        const id = String(order.id);
        const withLines = q.get('include') === 'consignments.line_items';
        return [
          200,
          consignmentsOf(order, subs.products![id] ?? [], subs.shipping_addresses![id] ?? [], 'honor', withLines),
          { Date: SERVER_DATE },
        ];
      }
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
