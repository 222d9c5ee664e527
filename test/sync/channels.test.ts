import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { selectAll } from '../../src/singer/catalog.js';
import { parseState } from '../../src/state.js';
import { lastState, recordsOf, sync } from '../helpers/engine-run.js';
import { serveFixtures } from '../helpers/fixture-api.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const only = (...names: string[]) => selectAll().filter((s) => names.includes(s.definition.name));

describe('channel_ids (multi-storefront)', () => {
  it('asks the API where the endpoint takes the list, and filters orders and customers in the tap otherwise', async () => {
    const api = serveFixtures();
    const { messages, error } = await sync({ streams: only('customers', 'orders', 'products'), config: { channel_ids: [3, 5] } });
    expect(error).toBeUndefined();
    const productLists = api.requests.filter((r) => r.startsWith('/v3/catalog/products?'));
    expect(productLists.length).toBeGreaterThan(0);
    for (const r of productLists) expect(r).toContain('channel_id:in=3%2C5');
    // v2 orders take one channel_id: with two channels the tap filters on the record's channel_id.
    expect(api.requests.filter((r) => r.startsWith('/v2/orders?')).some((r) => r.includes('channel_id'))).toBe(false);
    expect(recordsOf(messages, 'orders').map((r) => r.id)).toEqual([1003]);
    expect(api.requests.filter((r) => /\/v2\/orders\/100[12]\//.test(r))).toEqual([]);
    // Customers: origin_channel_id 3, channel_ids naming 3, or channel_ids null (every channel).
    expect(recordsOf(messages, 'customers').map((r) => r.id)).toEqual([101, 102, 103]);
    expect(lastState(messages).bookmarks.orders.channel_ids).toEqual([3, 5]);
    expect(lastState(messages).bookmarks.customers.channel_ids).toEqual([3, 5]);
  });

  it('keeps a customer of another channel only when its channel_ids is null (it may shop on every channel)', async () => {
    serveFixtures();
    const { messages } = await sync({ streams: only('customers'), config: { channel_ids: [5] } });
    expect(recordsOf(messages, 'customers').map((r) => r.id)).toEqual([101]);
  });

  it('sends channel_id when orders are narrowed to one channel', async () => {
    const api = serveFixtures();
    const { error } = await sync({ streams: only('orders'), config: { channel_ids: [1] } });
    expect(error).toBeUndefined();
    expect(api.requests.filter((r) => r.startsWith('/v2/orders?')).every((r) => r.includes('channel_id=1'))).toBe(true);
  });

  it('reads an incremental stream again from start_date when the list widens, not when it narrows', async () => {
    const bookmark = { replication_key: 'date_modified', replication_key_value: '2024-05-02T17:45:03Z', channel_ids: [3] };
    serveFixtures();
    const widened = await sync({
      streams: only('customers'),
      config: { channel_ids: [1, 3] },
      state: parseState({ bookmarks: { customers: bookmark } }, ['customers']),
    });
    expect(recordsOf(widened.messages, 'customers').map((r) => r.id)).toEqual([101, 102, 103]);
    expect(widened.logger.lines.some((l) => l.includes("customers: channel_ids now names channels its bookmark didn't cover"))).toBe(true);
    nock.cleanAll();
    serveFixtures();
    const narrowed = await sync({
      streams: only('customers'),
      config: { channel_ids: [3] },
      state: parseState({ bookmarks: { customers: { ...bookmark, channel_ids: [1, 3] } } }, ['customers']),
    });
    expect(recordsOf(narrowed.messages, 'customers').map((r) => r.id)).toEqual([103]);
  });
});
