import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { selectAll } from '../../src/singer/catalog.js';
import { parseState } from '../../src/state.js';
import { lastState, type Message, recordsOf, sync } from '../helpers/engine-run.js';
import { fixture, serveFixtures } from '../helpers/fixture-api.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const only = (...names: string[]) => selectAll().filter((s) => names.includes(s.definition.name));
const types = (messages: Message[], stream: string) =>
  messages.filter((m) => m.stream === stream || m.type === 'STATE').map((m) => (m.type === 'RECORD' ? `RECORD ${m.record.id}` : m.type));
const STATUS_IDS = Array.from({ length: 15 }, (_, id) => id);

describe('order_statuses', () => {
  it('writes the 15 statuses of the spec example as they are, in one table version read in one page', async () => {
    const api = serveFixtures();
    const { messages, error } = await sync({ streams: only('order_statuses'), config: { page_size: 250 } });
    expect(error).toBeUndefined();
    expect(recordsOf(messages, 'order_statuses')).toEqual(fixture('order_statuses'));
    const version = messages.find((m) => m.type === 'ACTIVATE_VERSION')!.version;
    expect(types(messages, 'order_statuses')).toEqual([
      'SCHEMA',
      'STATE',
      'ACTIVATE_VERSION',
      ...STATUS_IDS.map((id) => `RECORD ${id}`),
      'STATE',
      'ACTIVATE_VERSION',
      'STATE',
    ]);
    expect(messages.filter((m) => m.type === 'RECORD').every((m) => m.version === version)).toBe(true);
    // The short first page proves the table whole; the second request is the end (204).
    expect(api.requests).toEqual(['/v2/order_statuses?limit=250&page=1', '/v2/order_statuses?limit=250&page=2']);
    expect(lastState(messages).bookmarks.order_statuses).toEqual({ version });
  });

  it('pages smaller than the table: walked twice (a v2 list has no total), the version closed once both walks agree', async () => {
    const api = serveFixtures();
    const { messages, logger } = await sync({ streams: only('order_statuses'), config: { page_size: 4 } });
    // The proving walk writes only what the first one missed: nothing here.
    expect(recordsOf(messages, 'order_statuses').map((r) => r.id)).toEqual(STATUS_IDS);
    expect(messages.filter((m) => m.type === 'ACTIVATE_VERSION')).toHaveLength(2);
    expect(logger.lines).toContainEqual(
      expect.stringContaining(
        'order_statuses: walking the table again to prove it complete (the API reports no total to check the walk against)',
      ),
    );
    expect(api.requests).toHaveLength(10);
  });

  it('a second run starts a new version: no ACTIVATE_VERSION before its records, one at the end', async () => {
    serveFixtures();
    const first = await sync({ streams: only('order_statuses'), config: { page_size: 250 } });
    const state = parseState(lastState(first.messages), ['order_statuses']);
    const second = await sync({ streams: only('order_statuses'), config: { page_size: 250 }, state });
    expect(types(second.messages, 'order_statuses')).toEqual([
      'SCHEMA',
      'STATE',
      ...STATUS_IDS.map((id) => `RECORD ${id}`),
      'STATE',
      'ACTIVATE_VERSION',
      'STATE',
    ]);
  });
});

describe('refunds', () => {
  const normalizedRefund14 = {
    id: 14,
    order_id: 1003,
    user_id: 0,
    created: '2024-05-02T08:30:45Z',
    reason: 'Customer requires a refund.',
    total_amount: 12.5,
    total_tax: 0,
    uses_merchant_override_values: false,
    payments: [
      { id: 15, provider_id: 'braintree', amount: 12.5, offline: false, is_declined: false, declined_message: '', transaction_id: '4013' },
    ],
    items: [{ item_type: 'ORDER', item_id: 1003, reason: 'Late delivery', quantity: null, adjustments: [], requested_amount: 12.5 }],
  };

  it('writes each refund created since start_date once, created in UTC; the bookmark is the newest created', async () => {
    const api = serveFixtures();
    const { messages, error } = await sync({ streams: only('refunds') });
    expect(error).toBeUndefined();
    // Refund 11 was created before start_date.
    expect(recordsOf(messages, 'refunds').map((r) => r.id)).toEqual([12, 14]);
    expect(recordsOf(messages, 'refunds')[1]).toEqual(normalizedRefund14);
    expect(recordsOf(messages, 'refunds')[0].created).toBe('2024-03-05T16:44:15Z');
    expect(lastState(messages).bookmarks.refunds).toEqual({ replication_key: 'created', replication_key_value: '2024-05-02T08:30:45Z' });
    // Every request after the server-time probe names the whole fixed window, padded by a second each side.
    const windowed = api.requests.filter((r) => r.includes('created'));
    expect(windowed.length).toBeGreaterThan(0);
    for (const request of windowed) {
      expect(request).toContain('created:min=2023-12-31T23:59:59%2B00:00&created:max=2024-06-01T00:00:01%2B00:00');
    }
  });

  it('the next run reads from the bookmark second: only the refunds of that second come again', async () => {
    serveFixtures();
    const first = await sync({ streams: only('refunds') });
    const state = parseState(lastState(first.messages), ['refunds']);
    const second = await sync({ streams: only('refunds'), state });
    expect(recordsOf(second.messages, 'refunds')).toEqual([normalizedRefund14]);
    expect(lastState(second.messages).bookmarks.refunds).toEqual(lastState(first.messages).bookmarks.refunds);
  });

  it('a STATE inside the window keeps the bookmark where the walk began: a run killed there reads the window again', async () => {
    serveFixtures();
    const { messages } = await sync({ streams: only('refunds'), config: { page_size: 1 } });
    const lastRecord = messages.map((m) => m.type).lastIndexOf('RECORD');
    const during = messages.slice(0, lastRecord).filter((m) => m.type === 'STATE');
    expect(during.length).toBeGreaterThan(1);
    // Where the walk began: start_date on a first sync.
    for (const state of during) {
      expect([undefined, '2024-01-01T00:00:00Z']).toContain(state.value.bookmarks.refunds?.replication_key_value);
    }
    expect(lastState(messages).bookmarks.refunds.replication_key_value).toBe('2024-05-02T08:30:45Z');
  });

  it('a state bookmarking refunds on another key is refused, naming the key refunds use', () => {
    expect(() =>
      parseState({ bookmarks: { refunds: { replication_key: 'date_modified', replication_key_value: '2024-05-01T00:00:00Z' } } }, [
        'refunds',
      ]),
    ).toThrow('The state bookmarks "refunds" on "date_modified"; this tap replicates it on created: remove that bookmark.');
  });
});
