import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvalidResponseError, RetriesExhaustedError } from '../../src/http/errors.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { API_URL, assertAllInterceptorsUsed, BASE, JSON_HEADERS, rateHeaders, setup } from './helpers.js';

const example = (name: string): unknown => readFixtureJson('bigcommerce-examples', name);

beforeAll(() => nock.disableNetConnect());
afterEach(() => assertAllInterceptorsUsed(nock));

const api = () => nock(API_URL);
const HEADERS = { ...JSON_HEADERS, ...rateHeaders(140), Date: 'Tue, 05 Mar 2019 21:40:11 GMT' };

describe('successful responses', () => {
  it('v2 list: a bare array becomes the records, with server time from the Date header', async () => {
    const coupons = example('coupons_list_v2.json') as Record<string, unknown>[];
    api().get(`${BASE}/v2/coupons`).query({ limit: 250 }).reply(200, coupons, HEADERS);
    const { client } = setup();
    const page = await client.get({ apiVersion: 'v2', path: '/coupons', query: { limit: 250 }, stream: 'coupons' });
    expect(page).toEqual({ records: coupons, body: coupons, status: 200, serverTimeMs: Date.UTC(2019, 2, 5, 21, 40, 11) });
  });

  it('v2 204 No Content: no records, body null', async () => {
    api().get(`${BASE}/v2/orders`).query(true).reply(204, '', rateHeaders(139));
    const { client } = setup();
    const page = await client.get({ apiVersion: 'v2', path: '/orders', query: { page: 9 }, stream: 'orders' });
    expect(page.records).toEqual([]);
    expect(page.body).toBeNull();
    expect(page.status).toBe(204);
  });

  it('v3 204 No Content: no records either', async () => {
    api().get(`${BASE}/v3/catalog/products`).reply(204);
    const { client } = setup();
    expect((await client.get({ apiVersion: 'v3', path: '/catalog/products', stream: 'products' })).records).toEqual([]);
  });

  it('v2 200 with an empty body: no records', async () => {
    api().get(`${BASE}/v2/orders/218/coupons`).reply(200, '', rateHeaders(139));
    const { client } = setup();
    const page = await client.get({ apiVersion: 'v2', path: '/orders/218/coupons', stream: 'orders', endpoint: 'orders.coupons' });
    expect(page).toMatchObject({ records: [], body: null, status: 200 });
  });

  it('v2 single-object endpoints (/orders/count, /time) give [body]', async () => {
    api().get(`${BASE}/v2/orders/count`).reply(200, { count: 42 }, HEADERS);
    api().get(`${BASE}/v2/time`).reply(200, { time: 1529512970 }, HEADERS);
    const { client } = setup();
    expect((await client.get({ apiVersion: 'v2', path: '/orders/count', stream: 'orders' })).records).toEqual([{ count: 42 }]);
    expect((await client.get({ apiVersion: 'v2', path: '/time', stream: 'orders' })).records).toEqual([{ time: 1529512970 }]);
  });

  it('v3 list envelope: records are data, meta stays in body', async () => {
    const envelope = example('list_envelope_v3.json') as { data: unknown[]; meta: unknown };
    api().get(`${BASE}/v3/catalog/products`).query(true).reply(200, envelope, HEADERS);
    const { client } = setup();
    const page = await client.get({ apiVersion: 'v3', path: '/catalog/products', query: { page: 2 }, stream: 'products' });
    expect(page.records).toEqual(envelope.data);
    expect(page.body).toEqual(envelope);
  });

  it('v3 single-object envelope gives [data]', async () => {
    api()
      .get(`${BASE}/v3/catalog/products/77`)
      .reply(200, { data: { id: 77 }, meta: {} }, HEADERS);
    const { client } = setup();
    expect((await client.get({ apiVersion: 'v3', path: '/catalog/products/77', stream: 'products' })).records).toEqual([{ id: 77 }]);
  });

  it('ignores an invalid Date header', async () => {
    api()
      .get(`${BASE}/v2/time`)
      .reply(200, { time: 1 }, { ...JSON_HEADERS, Date: 'not a date' });
    const { client } = setup();
    const page = await client.get({ apiVersion: 'v2', path: '/time', stream: 'orders' });
    expect(page.serverTimeMs).toBeUndefined();
  });

  it('times each attempt and logs the request line at debug level', async () => {
    api()
      .get(`${BASE}/v2/orders`)
      .query({ page: 1 })
      .reply(200, [{ id: 1 }], HEADERS);
    const { client, logger } = setup();
    await client.get({ apiVersion: 'v2', path: '/orders', query: { page: 1 }, stream: 'orders', endpoint: 'orders' });
    expect(logger.lines).toEqual([
      'DEBUG GET /v2/orders?page=1 -> 200 in 0 ms (requests left: 140)',
      'INFO METRIC: {"type":"timer","metric":"http_request_duration","value":0,"tags":{"stream":"orders","endpoint":"orders","http_status_code":200,"status":"succeeded"}}',
    ]);
    expect(client.stats()).toEqual({
      requests: 1,
      retries: 0,
      rateLimited: 0,
      byStream: { orders: { requests: 1, retries: 0, rateLimited: 0 } },
    });
  });
});

describe('2xx bodies that cannot be read are retriable failures, never empty pages', () => {
  const cases: Array<[string, 'v2' | 'v3', string, string]> = [
    [
      'an HTML maintenance page',
      'v2',
      '<!DOCTYPE html><html><body>Down for maintenance</body></html>',
      'returned 200 with a body that is not JSON',
    ],
    ['truncated JSON', 'v2', '[{"id":1},{"id":', 'returned 200 with a body that is not JSON'],
    ['a v2 scalar', 'v2', '"ok"', 'returned 200 with a body that is neither an array nor an object'],
    ['a v3 body without data', 'v3', '{"meta":{}}', 'returned 200 with a body without the v3 "data" envelope'],
    ['a v3 empty body', 'v3', '', 'returned 200 with an empty body'],
    ['a v3 data scalar', 'v3', '{"data":7}', 'returned 200 with a "data" member that is neither an array nor an object'],
    ['a v2 array of scalars', 'v2', '[1,2]', 'returned 200 with an array that does not hold only objects'],
  ];

  it.each(cases)('%s is retried, then succeeds', async (_name, version, body, _message) => {
    const path = version === 'v2' ? '/orders' : '/customers';
    const good = version === 'v2' ? [{ id: 1 }] : { data: [{ id: 1 }], meta: {} };
    api().get(`${BASE}/${version}${path}`).reply(200, body, { 'Content-Type': 'text/html' });
    api().get(`${BASE}/${version}${path}`).reply(200, good, HEADERS);
    const { client, clock } = setup();
    const page = await client.get({ apiVersion: version, path, stream: 'orders' });
    expect(page.records).toEqual([{ id: 1 }]);
    expect(clock.sleeps).toEqual([500]);
    expect(client.stats().retries).toBe(1);
  });

  it.each(cases)('%s gives a clear message when retries run out', async (_name, version, body, message) => {
    const path = version === 'v2' ? '/orders' : '/customers';
    api().get(`${BASE}/${version}${path}`).reply(200, body);
    const { client } = setup({ maxRetries: 0 });
    const error = await client.get({ apiVersion: version, path, stream: 'orders' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    const cause = (error as RetriesExhaustedError).cause;
    expect(cause).toBeInstanceOf(InvalidResponseError);
    expect((cause as Error).message).toContain(`GET /${version}${path} ${message}`);
    expect((error as Error).message).toBe(
      `GET /${version}${path} failed after 1 attempt; the last one returned 200 OK with an unreadable body. ` +
        'BigCommerce may be overloaded or down (status.bigcommerce.com): try again later or raise max_retries.',
    );
  });
});
