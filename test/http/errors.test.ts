import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TapError } from '../../src/errors.js';
import {
  BadRequestError,
  ForbiddenError,
  HttpError,
  NetworkError,
  NotFoundError,
  RetriesExhaustedError,
  UnauthorizedError,
} from '../../src/http/errors.js';
import type { ApiVersion } from '../../src/http/types.js';
import { API_URL, assertAllInterceptorsUsed, BASE, JSON_HEADERS, rateHeaders, setup, TOKEN } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => assertAllInterceptorsUsed(nock));

const GATEWAY_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';
const v3Body = (status: number, title: string, errors: Record<string, string> = {}) => ({ status, title, type: GATEWAY_TYPE, errors });
const SCOPE_403 = v3Body(403, "You don't have a required scope to access the endpoint");

interface Row {
  name: string;
  version: ApiVersion;
  path: string;
  stream: string;
  status: number;
  body: unknown;
  errorClass: new (...args: never[]) => HttpError;
  message: string;
}

const TABLE: Row[] = [
  {
    name: '400 v2 array',
    version: 'v2',
    path: '/coupons',
    stream: 'coupons',
    status: 400,
    body: [{ status: 400, message: "The field 'type' is invalid." }],
    errorClass: BadRequestError,
    message: "GET /v2/coupons returned 400 Bad Request: The field 'type' is invalid.",
  },
  {
    name: '400 v2 array with two messages',
    version: 'v2',
    path: '/orders',
    stream: 'orders',
    status: 400,
    body: [
      { status: 400, message: "The field 'min_date_modified' is invalid." },
      { status: 400, message: "The field 'sort' is invalid." },
    ],
    errorClass: BadRequestError,
    message: "GET /v2/orders returned 400 Bad Request: The field 'min_date_modified' is invalid.; The field 'sort' is invalid.",
  },
  {
    name: '422 v3 invalid filter',
    version: 'v3',
    path: '/catalog/products',
    stream: 'products',
    status: 422,
    body: v3Body(422, 'The filter(s): foo are not valid filter parameter(s).'),
    errorClass: BadRequestError,
    message: 'GET /v3/catalog/products returned 422 Unprocessable Entity: The filter(s): foo are not valid filter parameter(s).',
  },
  {
    name: '422 v3 with field errors',
    version: 'v3',
    path: '/customers',
    stream: 'customers',
    status: 422,
    body: v3Body(422, 'Invalid filter', { 'date_modified:min': 'must be a date', limit: 'must be <= 250' }),
    errorClass: BadRequestError,
    message:
      'GET /v3/customers returned 422 Unprocessable Entity: Invalid filter; date_modified:min: must be a date; limit: must be <= 250',
  },
  {
    name: '422 v3 very long title is truncated',
    version: 'v3',
    path: '/customers',
    stream: 'customers',
    status: 422,
    body: v3Body(422, 'x'.repeat(500)),
    errorClass: BadRequestError,
    message: `GET /v3/customers returned 422 Unprocessable Entity: ${'x'.repeat(299)}…`,
  },
  {
    name: '401 gateway object on v2',
    version: 'v2',
    path: '/orders',
    stream: 'orders',
    status: 401,
    body: v3Body(401, 'No valid credentials found for this request'),
    errorClass: UnauthorizedError,
    message:
      'GET /v2/orders returned 401 Unauthorized: the access token is invalid or revoked. Create a new store-level API account token and set access_token.',
  },
  {
    name: '401 on v3',
    version: 'v3',
    path: '/customers',
    stream: 'customers',
    status: 401,
    body: v3Body(401, 'Unauthorized'),
    errorClass: UnauthorizedError,
    message:
      'GET /v3/customers returned 401 Unauthorized: the access token is invalid or revoked. Create a new store-level API account token and set access_token.',
  },
  {
    name: '403 v2 orders scope',
    version: 'v2',
    path: '/orders',
    stream: 'orders',
    status: 403,
    body: SCOPE_403,
    errorClass: ForbiddenError,
    message:
      'GET /v2/orders returned 403 Forbidden: the access token lacks the Orders read-only scope (store_v2_orders_read_only) needed by stream "orders", ' +
      'or the store hash "abc123" is wrong (BigCommerce answers 403 for both). Check the API account\'s scopes and store_hash.',
  },
  {
    name: '403 v3 products scope',
    version: 'v3',
    path: '/catalog/products',
    stream: 'products',
    status: 403,
    body: SCOPE_403,
    errorClass: ForbiddenError,
    message:
      'GET /v3/catalog/products returned 403 Forbidden: the access token lacks the Products read-only scope (store_v2_products_read_only) needed by stream "products", ' +
      'or the store hash "abc123" is wrong (BigCommerce answers 403 for both). Check the API account\'s scopes and store_hash.',
  },
  {
    name: '403 unknown stream',
    version: 'v2',
    path: '/gift_certificates',
    stream: 'gift_certificates',
    status: 403,
    body: SCOPE_403,
    errorClass: ForbiddenError,
    message:
      'GET /v2/gift_certificates returned 403 Forbidden: the access token lacks a scope needed by stream "gift_certificates", ' +
      'or the store hash "abc123" is wrong (BigCommerce answers 403 for both). Check the API account\'s scopes and store_hash.',
  },
  {
    name: '404 v2 array',
    version: 'v2',
    path: '/orderz',
    stream: 'orders',
    status: 404,
    body: [{ status: 404, message: 'The requested resource was not found.' }],
    errorClass: NotFoundError,
    message:
      'GET /v2/orderz returned 404 Not Found: BigCommerce does not know this path (The requested resource was not found.). Check api_url and store_hash.',
  },
  {
    name: '404 v3 object',
    version: 'v3',
    path: '/catalog/productz',
    stream: 'products',
    status: 404,
    body: { status: 404, title: 'The resource at that URL is not found.', type: GATEWAY_TYPE },
    errorClass: NotFoundError,
    message:
      'GET /v3/catalog/productz returned 404 Not Found: BigCommerce does not know this path (The resource at that URL is not found.). Check api_url and store_hash.',
  },
  {
    name: '404 HTML from a proxy',
    version: 'v2',
    path: '/orders',
    stream: 'orders',
    status: 404,
    body: '<html><body><h1>Not Found</h1></body></html>',
    errorClass: NotFoundError,
    message: 'GET /v2/orders returned 404 Not Found: BigCommerce does not know this path. Check api_url and store_hash.',
  },
  {
    name: '413 other 4xx with message',
    version: 'v3',
    path: '/catalog/products',
    stream: 'products',
    status: 413,
    body: v3Body(413, 'The limit parameter exceeded the maximum of 250.'),
    errorClass: HttpError,
    message: 'GET /v3/catalog/products returned 413 Payload Too Large: The limit parameter exceeded the maximum of 250.',
  },
  {
    name: '406 other 4xx without body',
    version: 'v2',
    path: '/orders',
    stream: 'orders',
    status: 406,
    body: '',
    errorClass: HttpError,
    message: 'GET /v2/orders returned 406 Not Acceptable',
  },
  {
    name: '301 redirect is not followed',
    version: 'v2',
    path: '/orders',
    stream: 'orders',
    status: 301,
    body: '',
    errorClass: HttpError,
    message: 'GET /v2/orders returned 301 Moved Permanently: redirects are not followed. Check api_url.',
  },
];

describe('status -> error class and message', () => {
  it.each(TABLE)('$name', async (row) => {
    const headers: Record<string, string> =
      row.status === 301 ? { Location: 'https://evil.example/steal' } : { ...JSON_HEADERS, ...rateHeaders(100) };
    const body = typeof row.body === 'string' ? row.body : JSON.stringify(row.body);
    nock(API_URL).get(`${BASE}/${row.version}${row.path}`).query({ limit: 250 }).reply(row.status, body, headers);
    const { client, clock } = setup();
    const error = await client
      .get({ apiVersion: row.version, path: row.path, query: { limit: 250 }, stream: row.stream })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(row.errorClass);
    expect(error).toBeInstanceOf(TapError);
    const httpError = error as HttpError;
    expect(httpError.constructor).toBe(row.errorClass);
    expect(httpError.message).toBe(row.message);
    expect(httpError).toMatchObject({ status: row.status, method: 'GET', path: `/${row.version}${row.path}`, isRetriable: false });
    expect(httpError.details).toContain(`GET /${row.version}${row.path}?limit=250 -> ${row.status}`);
    expect(clock.sleeps).toEqual([]);
    expect(client.stats().retries).toBe(0);
    expect(client.stats().requests).toBe(1);
  });
});

describe('the access token never appears in an error or a log line', () => {
  const echo = (status: number) => [{ status, message: `Token ${TOKEN} rejected`, details: { token: TOKEN } }];
  const cases: Array<{ name: string; status: number; body: string; maxRetries?: number }> = [
    { name: '400 v2 echo', status: 400, body: JSON.stringify(echo(400)) },
    { name: '401', status: 401, body: JSON.stringify(v3Body(401, `bad token ${TOKEN}`)) },
    { name: '403', status: 403, body: JSON.stringify(v3Body(403, `token ${TOKEN} lacks scope`)) },
    { name: '404', status: 404, body: JSON.stringify(echo(404)) },
    { name: '413', status: 413, body: `plain text error for ${TOKEN}` },
    { name: '422 v3 echo', status: 422, body: JSON.stringify(v3Body(422, `X-Auth-Token: ${TOKEN}`, { token: TOKEN })) },
    { name: '429 exhausted', status: 429, body: JSON.stringify(v3Body(429, `Too many requests for ${TOKEN}`)), maxRetries: 0 },
    { name: '500 exhausted', status: 500, body: `<html>error for ${TOKEN}</html>`, maxRetries: 0 },
    { name: '503 exhausted', status: 503, body: JSON.stringify(echo(503)), maxRetries: 0 },
    { name: '200 HTML exhausted', status: 200, body: `${TOKEN}<html>maintenance</html>`, maxRetries: 0 },
    { name: '200 truncated exhausted', status: 200, body: `[{"token":"${TOKEN}"`, maxRetries: 0 },
  ];

  it.each(cases)('$name', async ({ status, body, maxRetries }) => {
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .reply(status, body, { ...JSON_HEADERS, ...rateHeaders(10) });
    const { client, logger } = setup({ maxRetries: maxRetries ?? 5 });
    const error = await client.get({ apiVersion: 'v2', path: '/orders', stream: 'orders' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TapError);
    expectNoToken(error, logger.lines);
    // The body excerpt is kept for debugging, with the token masked.
    const details = (error as TapError).details ?? '';
    expect(details).toContain('***');
  });

  it('connection errors whose text names the token', async () => {
    nock(API_URL)
      .get(`${BASE}/v2/orders/${TOKEN}`)
      .replyWithError(Object.assign(new Error(`socket hang up ${TOKEN}`), { code: 'ECONNRESET' }));
    const { client, logger } = setup({ maxRetries: 0 });
    const error = await client.get({ apiVersion: 'v2', path: `/orders/${TOKEN}`, stream: 'orders' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as RetriesExhaustedError).cause).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe(
      'GET /v2/orders/*** failed after 1 attempt; the last one failed with connection error ECONNRESET. ' +
        'BigCommerce may be overloaded or down (status.bigcommerce.com): try again later or raise max_retries.',
    );
    expectNoToken(error, logger.lines);
  });

  it('timeouts and retry warnings', async () => {
    nock(API_URL).get(`${BASE}/v2/orders`).query(true).delay(5_000).reply(200, []);
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .query(true)
      .reply(503, JSON.stringify(echo(503)));
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .query(true)
      .reply(400, JSON.stringify(echo(400)));
    let timers = 0;
    const { client, logger } = setup({
      startTimer: (_ms, onTimeout) => {
        timers += 1;
        if (timers > 1) return () => undefined;
        const handle = setImmediate(onTimeout);
        return () => clearImmediate(handle);
      },
    });
    const error = await client.get({ apiVersion: 'v2', path: '/orders', query: { q: TOKEN }, stream: 'orders' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(logger.lines.some((line) => line.startsWith('WARN GET /v2/orders timed out after 300000 ms'))).toBe(true);
    expectNoToken(error, logger.lines);
  });
});

function expectNoToken(error: unknown, lines: string[]): void {
  const texts: string[] = [...lines];
  let current: unknown = error;
  while (current instanceof Error) {
    texts.push(current.message, (current as TapError).details ?? '', String((current as { path?: unknown }).path ?? ''));
    current = current.cause;
  }
  for (const text of texts) expect(text).not.toContain(TOKEN);
}
