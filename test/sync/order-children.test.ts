import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadStreamSchema } from '../../src/normalize/load-schema.js';
import { parseState } from '../../src/state.js';
import { findStream } from '../../src/streams/index.js';
import type { SelectedStream } from '../../src/streams/selected-stream.js';
import { replicationMethodOf } from '../../src/streams/types.js';
import { StreamsFailedError } from '../../src/sync/engine.js';
import { lastState, recordsOf, sync } from '../helpers/engine-run.js';
import { serveFixtures } from '../helpers/fixture-api.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

/** Orders and the children named, as a catalog selecting them would (transactions and shipments aren't selected by default). */
const ordersWith = (...children: string[]): SelectedStream[] =>
  ['orders', ...children].map((name) => {
    const definition = findStream(name)!;
    return { definition, schema: loadStreamSchema(name), selectedFields: null, replicationMethod: replicationMethodOf(definition) };
  });
const requestsTo = (requests: string[], pattern: RegExp) => requests.filter((r) => pattern.test(r)).map((r) => r.split('?')[0]);

/** The shared fields of the fixture's card transactions, as written (nested nulls are left out). */
const card = {
  method: 'credit_card',
  currency: 'USD',
  gateway: 'braintree',
  test: false,
  status: 'ok',
  fraud_review: false,
  payment_method_id: 'braintree.card',
  payment_instrument_token: null,
  provider_instrument_token: null,
  provider_customer_id: null,
  avs_result: { code: 'Y', message: 'Street address and 5-digit postal code match.', street_match: 'M', postal_match: 'M' },
  cvv_result: { code: 'M', message: 'CVV2 Match' },
  credit_card: { card_type: 'visa', card_iin: '411111', card_last4: '1111', card_expiry_month: 4, card_expiry_year: 2027 },
};

describe('transactions and shipments, children of orders', () => {
  it('cost one transactions request per order and one shipments request per order with items shipped', async () => {
    const api = serveFixtures();
    const { messages, error } = await sync({ streams: ordersWith('transactions', 'shipments') });
    expect(error).toBeUndefined();
    expect(recordsOf(messages, 'orders').map((r) => r.id)).toEqual([1001, 1002, 1003]);
    expect(requestsTo(api.requests, /\/transactions/)).toEqual([
      '/v3/orders/1001/transactions',
      '/v3/orders/1002/transactions',
      '/v3/orders/1003/transactions',
    ]);
    // 1001 and 1003 have items_shipped 0: nothing to ask.
    expect(requestsTo(api.requests, /\/shipments/)).toEqual(['/v2/orders/1002/shipments']);
  });

  it('write each transaction with the integer order_id and UTC dates; an order answered 204 has none', async () => {
    serveFixtures();
    const { messages } = await sync({ streams: ordersWith('transactions') });
    // 1002 answers 204 No Content (no transaction), as the spec documents.
    expect(recordsOf(messages, 'transactions')).toEqual([
      {
        ...card,
        id: 4005,
        order_id: 1001,
        event: 'purchase',
        amount: 939.47,
        gateway_transaction_id: 'bt_4005',
        date_created: '2024-05-01T09:58:14Z',
        reference_transaction_id: null,
      },
      {
        ...card,
        id: 4012,
        order_id: 1003,
        event: 'purchase',
        amount: 939.47,
        gateway_transaction_id: 'bt_4012',
        date_created: '2024-05-02T08:30:45Z',
        reference_transaction_id: null,
      },
      {
        ...card,
        id: 4013,
        order_id: 1003,
        event: 'refund',
        amount: 12.5,
        gateway_transaction_id: 'bt_4013',
        date_created: '2024-05-02T08:30:45Z',
        reference_transaction_id: 4012,
      },
    ]);
    expect(lastState(messages).bookmarks.transactions).toEqual({ parent: 'orders' });
  });

  it('write shipments with numbers for decimal strings and UTC dates', async () => {
    serveFixtures();
    const { messages } = await sync({ streams: ordersWith('shipments') });
    const address = {
      first_name: 'Guest',
      last_name: 'Buyer',
      company: '',
      street_1: '12 Oak St',
      street_2: '',
      city: 'Portland',
      state: 'Oregon',
      zip: '97201',
      country: 'United States',
      country_iso2: 'US',
      phone: '',
      email: 'guest@example.net',
    };
    expect(recordsOf(messages, 'shipments')).toEqual([
      {
        id: 6,
        order_id: 1002,
        customer_id: 0,
        order_address_id: 902,
        date_created: '2024-05-02T08:30:00Z',
        tracking_number: 'EJ958083578US',
        merchant_shipping_cost: 0,
        shipping_method: 'None',
        comments: 'Ready to go...',
        shipping_provider: 'usps',
        tracking_carrier: '',
        tracking_link: '',
        billing_address: address,
        shipping_address: address,
        items: [{ order_product_id: 2003, product_id: 77, quantity: 1 }],
        shipping_provider_display_name: 'USPS',
        generated_tracking_link: 'https://trkcnfrm1.smi.usps.com/PTSInternetWeb/InterLabelInquiry.do?strOrigTrackNum=EJ958083578US',
      },
    ]);
  });
});

describe('a token without the Order Transactions scope', () => {
  const forbidTransactions = () => serveFixtures({ forbid: ['/transactions'] });

  it('skips only transactions, with one warning naming the stream and the scope; orders complete', async () => {
    forbidTransactions();
    const { messages, error, logger } = await sync({ streams: ordersWith('transactions', 'shipments') });
    expect(error).toBeUndefined();
    expect(recordsOf(messages, 'orders').map((r) => r.id)).toEqual([1001, 1002, 1003]);
    expect(recordsOf(messages, 'shipments').map((r) => r.id)).toEqual([6]);
    expect(recordsOf(messages, 'transactions')).toEqual([]);
    expect(logger.lines.filter((l) => l.includes('WARN') && l.includes('transactions'))).toEqual([
      expect.stringContaining('transactions (Order Transactions: store_v2_transactions_read_only)'),
    ]);
    // Its bookmark does not move: a later run with the scope reads the transactions of these orders.
    expect(lastState(messages).bookmarks.transactions).toBeUndefined();
  });

  it('a child in step with orders keeps the bookmark it had, spelled out, while orders move on', async () => {
    forbidTransactions();
    const before = { replication_key: 'date_modified', replication_key_value: '2024-04-01T00:00:00Z' };
    const state = parseState({ bookmarks: { orders: before, transactions: { parent: 'orders' } } }, ['orders', 'transactions']);
    const { messages, error } = await sync({ streams: ordersWith('transactions'), state });
    expect(error).toBeUndefined();
    expect(lastState(messages).bookmarks.orders.replication_key_value).toBe('2024-05-02T08:30:45Z');
    expect(lastState(messages).bookmarks.transactions).toEqual(before);
  });

  it('with strict_scopes: the run fails naming transactions and the scope it needs', async () => {
    forbidTransactions();
    const { error } = await sync({ streams: ordersWith('transactions'), config: { strict_scopes: true } });
    expect(error).toBeInstanceOf(StreamsFailedError);
    expect((error as Error).message).toContain(
      'the access token lacks the Order Transactions read-only scope (store_v2_transactions_read_only) needed by stream "transactions"',
    );
  });
});
