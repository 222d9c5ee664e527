import nock from 'nock';

/**
 * A small in-memory v2 orders endpoint for nock: the filters the tap uses (min/max_date_modified, min_id,
 * sort, limit, page), 204 when a page is empty, and the unverified variants as options.
 */
export interface FakeOrder {
  id: number;
  /** Epoch seconds. */
  modified: number;
}

export interface OrdersApiOptions {
  minInclusive?: boolean;
  tieOrder?: 'id' | 'reverse';
  /** `max_date_modified` as <= (default) or < (unverified on v2: the tap must cope). */
  maxInclusive?: boolean;
  /** Ignore `sort` and answer in id order (a broken proxy). */
  ignoreSort?: boolean;
  /** ISO dates with milliseconds (`…:05.500Z`), compared to filters at millisecond precision. */
  isSubSecond?: boolean;
  /** Called before each list request is answered: mutate `orders` to simulate live changes. */
  beforeRequest?: (requestIndex: number, orders: FakeOrder[]) => void;
}

export const API = 'https://api.example.test';
export const STORE = 'abc123';

const rfc2822 = (seconds: number) => new Date(seconds * 1000).toUTCString().replace('GMT', '+0000');

export function rawOrder(o: FakeOrder, isSubSecond = false): Record<string, unknown> {
  return {
    id: o.id,
    date_modified: isSubSecond ? new Date(o.modified * 1000).toISOString() : rfc2822(o.modified),
    date_created: rfc2822(o.modified - 100),
    date_shipped: '',
    total_inc_tax: '10.5000',
    shipping_address_count: 0,
  };
}

export function serveOrders(orders: FakeOrder[], options: OrdersApiOptions = {}) {
  const requests: URLSearchParams[] = [];
  const scope = nock(API)
    .persist()
    .get(`/stores/${STORE}/v2/orders`)
    .query(true)
    .reply((uri) => {
      const query = new URL(uri, API).searchParams;
      requests.push(query);
      options.beforeRequest?.(requests.length - 1, orders);
      const seconds = (name: string) => {
        const v = query.get(name);
        if (v === null) return null;
        return options.isSubSecond ? Date.parse(v) / 1000 : Math.floor(Date.parse(v) / 1000);
      };
      const min = seconds('min_date_modified');
      const max = seconds('max_date_modified');
      const minId = query.get('min_id');
      let rows = orders.filter(
        (o) =>
          (min === null || (options.minInclusive === false ? o.modified > min : o.modified >= min)) &&
          (max === null || (options.maxInclusive === false ? o.modified < max : o.modified <= max)) &&
          (minId === null || o.id >= Number(minId)),
      );
      const sort = options.ignoreSort ? 'id:asc' : (query.get('sort') ?? 'id:asc');
      rows = [...rows].sort((a, b) => {
        if (sort.startsWith('id')) return a.id - b.id;
        const byModified = a.modified - b.modified;
        if (byModified !== 0) return byModified;
        return options.tieOrder === 'reverse' ? b.id - a.id : a.id - b.id;
      });
      const limit = Number(query.get('limit') ?? 50);
      const page = Number(query.get('page') ?? 1);
      const slice = rows.slice((page - 1) * limit, page * limit);
      if (slice.length === 0) return [204, ''];
      return [
        200,
        slice.map((o) => rawOrder(o, options.isSubSecond)),
        { 'Content-Type': 'application/json', Date: new Date(NOW_S * 1000).toUTCString() },
      ];
    });
  return { requests, scope };
}

/** The fake server's clock: every fake order is modified before this. */
export const NOW_S = Date.UTC(2024, 5, 1) / 1000;
