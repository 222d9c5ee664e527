import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileValidator } from '../../src/normalize/compile-validator.js';
import { discoverCatalog, selectAll, selectFromCatalog } from '../../src/singer/catalog.js';
import { parseState } from '../../src/state.js';
import { StreamsFailedError } from '../../src/sync/engine.js';
import { lastState, type Message, recordsOf, sync } from '../helpers/engine-run.js';
import { serveFixtures } from '../helpers/fixture-api.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('full sync of the four streams', () => {
  it('emits every record exactly once, normalized, valid against the emitted SCHEMA, in Singer order', async () => {
    const api = serveFixtures();
    const { messages, error } = await sync();
    expect(error).toBeUndefined();
    expect(recordsOf(messages, 'coupons').map((r) => r.id)).toEqual([7, 12, 19]);
    expect(recordsOf(messages, 'customers').map((r) => r.id)).toEqual([101, 102, 103]);
    expect(recordsOf(messages, 'orders').map((r) => r.id)).toEqual([1001, 1002, 1003]);
    expect(recordsOf(messages, 'products').map((r) => r.id)).toEqual([201, 202, 203]);
    for (const stream of ['coupons', 'customers', 'orders', 'products']) {
      const schemaIndex = messages.findIndex((m) => m.type === 'SCHEMA' && m.stream === stream);
      const firstRecord = messages.findIndex((m) => m.type === 'RECORD' && m.stream === stream);
      expect(schemaIndex).toBeGreaterThanOrEqual(0);
      expect(schemaIndex).toBeLessThan(firstRecord);
      const validate = compileValidator(messages[schemaIndex]!.schema);
      for (const record of recordsOf(messages, stream)) expect(validate(record)).toBeNull();
    }
    const order = recordsOf(messages, 'orders').find((r) => r.id === 1001);
    expect(order.date_modified).toBe('2024-05-01T10:00:00Z');
    expect(order.date_shipped).toBeNull();
    expect(typeof order.total_inc_tax).toBe('number');
    expect(order.products).toHaveLength(2);
    expect(order.coupons).toEqual([]);
    expect(order.shipping_addresses).toHaveLength(1);
    // Sub-resources come from api_url, never from the link objects' URLs.
    expect(api.requests).toContain('/v2/orders/1001/coupons?page=1&limit=2');
    expect(lastState(messages)).toEqual({
      bookmarks: {
        coupons: { version: Date.UTC(2024, 5, 1, 0, 0, 5) },
        customers: { replication_key: 'date_modified', replication_key_value: '2024-05-02T17:45:03Z', position: { id: 103, page: 2 } },
        order_coupons: { parent: 'orders' },
        order_products: { parent: 'orders' },
        order_shipping_addresses: { parent: 'orders' },
        order_statuses: { version: Date.UTC(2024, 5, 1, 0, 0, 5) },
        orders: { replication_key: 'date_modified', replication_key_value: '2024-05-02T08:30:45Z', position: { id: 1003 } },
        products: { replication_key: 'date_modified', replication_key_value: '2024-05-01T10:00:00Z', position: { id: 203 } },
        // The newest refund written, on the stream's own key.
        refunds: { replication_key: 'created', replication_key_value: '2024-05-02T08:30:45Z' },
      },
      currently_syncing: null,
    });
  });

  it('frames coupons with ACTIVATE_VERSION and resumes mid-table with the stored version', async () => {
    serveFixtures();
    const first = await sync({ streams: selectAll().filter((s) => s.definition.name === 'coupons') });
    const couponMessages = first.messages.filter((m) => m.stream === 'coupons' || m.type === 'STATE');
    expect(couponMessages.map((m) => m.type)).toEqual([
      'SCHEMA',
      'STATE',
      'ACTIVATE_VERSION',
      'RECORD',
      'RECORD',
      'STATE',
      'RECORD',
      'STATE',
      'ACTIVATE_VERSION',
      'STATE',
    ]);
    const version = couponMessages[2]!.version;
    expect(couponMessages.filter((m) => m.type === 'RECORD').every((m) => m.version === version)).toBe(true);
    nock.cleanAll();
    serveFixtures();
    const resumed = await sync({
      streams: selectAll().filter((s) => s.definition.name === 'coupons'),
      state: parseState({ bookmarks: { coupons: { last_id: 12, version: 555 } }, currently_syncing: 'coupons' }, ['coupons']),
    });
    expect(resumed.messages.filter((m) => m.type === 'ACTIVATE_VERSION').map((m) => m.version)).toEqual([555]);
    expect(recordsOf(resumed.messages, 'coupons').map((r) => r.id)).toEqual([19]);
    expect(lastState(resumed.messages).bookmarks.coupons).toEqual({ version: 555 });
  });

  it('ACTIVATE_VERSION per the Singer convention: at the start only on the first-ever sync, at the end of every completed one', async () => {
    const coupons = () => selectAll().filter((s) => s.definition.name === 'coupons');
    const couponTypes = (messages: Message[]) => messages.filter((m) => m.stream === 'coupons').map((m) => m.type);
    serveFixtures();
    const first = await sync({ streams: coupons() });
    expect(couponTypes(first.messages)).toEqual(['SCHEMA', 'ACTIVATE_VERSION', 'RECORD', 'RECORD', 'RECORD', 'ACTIVATE_VERSION']);
    const firstVersion = Date.UTC(2024, 5, 1, 0, 0, 5);
    expect(lastState(first.messages).bookmarks.coupons).toEqual({ version: firstVersion });

    // A second run keeps the old rows until the new version is complete: no ACTIVATE_VERSION before its records.
    nock.cleanAll();
    serveFixtures();
    const second = await sync({ streams: coupons(), state: parseState({ bookmarks: { coupons: { version: 111 } } }, ['coupons']) });
    expect(couponTypes(second.messages)).toEqual(['SCHEMA', 'RECORD', 'RECORD', 'RECORD', 'ACTIVATE_VERSION']);
    expect(second.messages.filter((m) => m.stream === 'coupons' && m.version !== undefined).every((m) => m.version === firstVersion)).toBe(
      true,
    );

    // Existing users' states hold {} for coupons: not a first sync either.
    nock.cleanAll();
    serveFixtures();
    const legacy = await sync({ streams: coupons(), state: parseState({ bookmarks: { coupons: {} } }, ['coupons']) });
    expect(couponTypes(legacy.messages)).toEqual(['SCHEMA', 'RECORD', 'RECORD', 'RECORD', 'ACTIVATE_VERSION']);

    // A run that fails mid-table writes no ACTIVATE_VERSION at all, and its STATE resumes the same version.
    nock.cleanAll();
    serveFixtures({ failWhen: (path, q) => path === '/v2/coupons' && q.get('min_id') !== null });
    const failed = await sync({ streams: coupons(), state: parseState({ bookmarks: { coupons: { version: 111 } } }, ['coupons']) });
    expect(failed.error).toBeDefined();
    expect(couponTypes(failed.messages)).toEqual(['SCHEMA', 'RECORD', 'RECORD']);
    expect(lastState(failed.messages).bookmarks.coupons).toEqual({ last_id: 12, version: firstVersion });
  });

  it('walks coupons with a page of one record', async () => {
    serveFixtures();
    const { messages } = await sync({ streams: selectAll().filter((s) => s.definition.name === 'coupons'), config: { page_size: 1 } });
    expect(recordsOf(messages, 'coupons').map((r) => r.id)).toEqual([7, 12, 19]);
  });

  it('makes no sub-resource request for deselected order fields, and drops them from SCHEMA and RECORD', async () => {
    const api = serveFixtures();
    const catalog = discoverCatalog();
    const orders = catalog.streams.find((s) => s.stream === 'orders')!;
    for (const m of orders.metadata) {
      if (['products', 'coupons', 'customer_message', 'consignments', 'fees'].includes(m.breadcrumb[1] ?? '')) m.metadata.selected = false;
    }
    const streams = selectFromCatalog(catalog, () => undefined).filter((s) => s.definition.name === 'orders');
    const { messages } = await sync({ streams });
    // Shipping addresses come embedded in the list (include=consignments): no request per order at all.
    expect(api.requests.filter((r) => /\/orders\/\d+\//.test(r))).toEqual([]);
    expect(api.requests.filter((r) => r.startsWith('/v2/orders?')).every((r) => r.includes('include=consignments&'))).toBe(true);
    const schema = messages.find((m) => m.type === 'SCHEMA')!.schema;
    expect(Object.keys(schema.properties)).not.toContain('products');
    for (const record of recordsOf(messages, 'orders')) {
      expect(record).not.toHaveProperty('products');
      expect(record).not.toHaveProperty('customer_message');
      expect(record).toHaveProperty('shipping_addresses');
    }
  });

  it('finishes the other streams when one lacks its scope, then fails naming the stream and scope', async () => {
    serveFixtures({ forbid: ['/v3/customers'] });
    const { messages, error } = await sync();
    expect(error).toBeInstanceOf(StreamsFailedError);
    expect((error as Error).message).toBe(
      'Stream "customers" failed, the others completed: GET /v3/customers returned 403 Forbidden: the access token lacks the Customers read-only scope (store_v2_customers_read_only) needed by stream "customers", or the store hash "abc123" is wrong (BigCommerce answers 403 for both). Check the API account\'s scopes and store_hash.',
    );
    expect(recordsOf(messages, 'orders')).toHaveLength(3);
    expect(recordsOf(messages, 'products')).toHaveLength(3);
    expect(lastState(messages).bookmarks.products.replication_key_value).toBe('2024-05-01T10:00:00Z');
  });

  it('on_invalid_record fail: stops at the bad record, naming stream, id, field and types, after a STATE covering what was written', async () => {
    serveFixtures({ mutateOrders: (orders) => (orders[2]!.items_total = 'many') });
    const streams = selectAll().filter((s) => s.definition.name === 'orders');
    const { messages, error } = await sync({ streams });
    expect((error as Error).message).toBe(
      'Invalid record in stream "orders" record id 1003 field /items_total: expected integer|null, got string. Set on_invalid_record to "warn" to write such records anyway, and report this to the tap\'s maintainers.',
    );
    const written = recordsOf(messages, 'orders').map((r) => r.id);
    expect(written).toEqual([1001]);
    expect(messages.at(-1)!.type).toBe('STATE');
    expect(lastState(messages).bookmarks.orders.replication_key_value).toBe('2024-05-02T08:30:45Z');
    expect(lastState(messages).bookmarks.orders.position).toBeUndefined();
  });

  it('a failing sync ends with a STATE covering every record written, even when STATE messages are throttled', async () => {
    serveFixtures({ mutateOrders: (orders) => (orders[2]!.items_total = 'many') });
    const streams = selectAll().filter((s) => s.definition.name === 'orders');
    const { messages, error } = await sync({ streams, config: { page_size: 1 }, stateIntervalMs: 3_600_000 });
    expect(error).toBeDefined();
    expect(recordsOf(messages, 'orders').map((r) => r.id)).toEqual([1001, 1002]);
    expect(messages.at(-1)!.type).toBe('STATE');
    expect(lastState(messages).bookmarks.orders).toEqual({
      replication_key: 'date_modified',
      replication_key_value: '2024-05-02T08:30:45Z',
      position: { id: 1002 },
    });
  });

  it('on_invalid_record warn: writes the record unchanged with one warning per field', async () => {
    serveFixtures({
      mutateOrders: (orders) => {
        for (const o of orders) o.items_total = 'many';
      },
    });
    const streams = selectAll().filter((s) => s.definition.name === 'orders');
    const { messages, error, logger } = await sync({ streams, config: { on_invalid_record: 'warn' } });
    expect(error).toBeUndefined();
    expect(recordsOf(messages, 'orders').map((r) => r.items_total)).toEqual(['many', 'many', 'many']);
    expect(logger.lines.filter((l) => l.startsWith('WARN Record does not match'))).toEqual([
      'WARN Record does not match the schema in stream "orders" record id 1001 field /items_total: expected integer|null, got string; written unchanged (warned once per field).',
    ]);
  });

  it('resumes from a bookmark: records sharing the bookmark second are read again, older ones are not', async () => {
    serveFixtures();
    const { messages } = await sync({
      streams: selectAll().filter((s) => s.definition.name === 'orders'),
      state: parseState({ bookmarks: { orders: { date_modified: '2024-05-02T08:30:45Z' } } }, ['orders']),
    });
    expect(recordsOf(messages, 'orders').map((r) => r.id)).toEqual([1002, 1003]);
  });
});
