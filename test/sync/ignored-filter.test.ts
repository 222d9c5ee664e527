import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { selectAll } from '../../src/singer/catalog.js';
import { recordsOf, sync } from '../helpers/engine-run.js';
import { API, fixture, STORE } from '../helpers/fixture-api.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

/** An orders list that applies no filter at all: every request gets the store's first orders by date_modified. */
function serveIgnoringFilters() {
  const orders = [...fixture('orders')].sort(
    (a, b) => Date.parse(String(a.date_modified)) - Date.parse(String(b.date_modified)) || Number(a.id) - Number(b.id),
  );
  nock(API)
    .persist()
    .get(new RegExp(`^/stores/${STORE}/v2/orders`))
    .query(true)
    .reply((uri) => {
      const url = new URL(uri, API);
      if (url.pathname.endsWith('/count')) return [200, { count: orders.length }];
      if (!url.pathname.endsWith('/orders')) return [200, []];
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const page = Number(url.searchParams.get('page') ?? 1);
      return [200, orders.slice((page - 1) * limit, page * limit), { Date: 'Sat, 01 Jun 2024 00:00:05 GMT' }];
    });
  return orders;
}

describe('an incremental list that ignores its date filter', () => {
  it('stops with an error naming the filter instead of ending the walk short of the store (3 orders, pages of 2)', async () => {
    const orders = serveIgnoringFilters();
    const streams = selectAll().filter((s) => s.definition.name === 'orders');
    const { messages, error } = await sync({ streams, config: { embedded_details: false } });
    expect((error as Error).message).toBe(
      'The orders list ignored the min_date_modified filter (a full page of records from before 2024-05-02T08:30:46+00:00 came back), so an incremental sync would miss records: stopping. Check that api_url points at the BigCommerce API (a proxy may drop query parameters).',
    );
    // What was written before the error stays covered by the last STATE; the third order was never reached.
    expect(recordsOf(messages, 'orders').map((r) => r.id)).toEqual([1001, 1002]);
    expect(orders.map((o) => o.id)).toEqual([1001, 1002, 1003]);
    expect(messages.at(-1)!.type).toBe('STATE');
  });
});
