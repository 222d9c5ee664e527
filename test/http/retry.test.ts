import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError, RateLimitedError, RequestTimeoutError, RetriesExhaustedError, ServerError } from '../../src/http/errors.js';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, decideRetry } from '../../src/http/retry-policy.js';
import type { SendRequest } from '../../src/http/transport.js';
import { API_URL, assertAllInterceptorsUsed, BASE, JSON_HEADERS, rateHeaders, setup } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => assertAllInterceptorsUsed(nock));

const ORDERS = { apiVersion: 'v2', path: '/orders', stream: 'orders' } as const;
const OK = () =>
  nock(API_URL)
    .get(`${BASE}/v2/orders`)
    .reply(200, [{ id: 1 }], { ...JSON_HEADERS, ...rateHeaders(100) });
const TOO_MANY = { status: 429, title: 'Too many requests', type: '/api-docs/getting-started/api-status-codes', errors: {} };

describe('retriable failures are retried with backoff', () => {
  it.each([500, 502, 503, 504])('%i', async (status) => {
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .reply(status, [{ status, message: 'oops' }], rateHeaders(120));
    OK();
    const { client, clock, logger } = setup();
    expect((await client.get(ORDERS)).records).toEqual([{ id: 1 }]);
    // random() = 0.5: half of base × 2^0.
    expect(clock.sleeps).toEqual([500]);
    expect(client.stats()).toMatchObject({ requests: 2, retries: 1, rateLimited: 0 });
    expect(logger.lines).toContain(
      `INFO METRIC: {"type":"timer","metric":"http_request_duration","value":0,"tags":{"stream":"orders","endpoint":"orders","http_status_code":${status},"status":"failed"}}`,
    );
  });

  it('ECONNRESET', async () => {
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    OK();
    const { client, clock } = setup();
    expect((await client.get(ORDERS)).records).toEqual([{ id: 1 }]);
    expect(clock.sleeps).toEqual([500]);
  });

  it.each(['ECONNREFUSED', 'ETIMEDOUT', 'EPIPE'])('%s', async (code) => {
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .replyWithError(Object.assign(new Error(`connect ${code}`), { code }));
    OK();
    const { client } = setup();
    expect((await client.get(ORDERS)).records).toEqual([{ id: 1 }]);
    expect(client.stats().retries).toBe(1);
  });

  it('a timeout', async () => {
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .delay(5_000)
      .reply(200, [{ id: 0 }]);
    OK();
    let timers = 0;
    const { client, clock } = setup({
      requestTimeoutMs: 1234,
      startTimer: (ms, onTimeout) => {
        expect(ms).toBe(1234);
        timers += 1;
        if (timers > 1) return () => undefined;
        const handle = setImmediate(onTimeout);
        return () => clearImmediate(handle);
      },
    });
    expect((await client.get(ORDERS)).records).toEqual([{ id: 1 }]);
    expect(clock.sleeps).toEqual([500]);
  });

  it('backoff grows exponentially with full jitter, capped', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 60_000 };
    expect([0, 1, 2, 3, 10].map((n) => backoffDelayMs(policy, n, () => 0.999))).toEqual([999, 1998, 3996, 7992, 59940]);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(0);
  });

  it('grows between consecutive failures', async () => {
    nock(API_URL).get(`${BASE}/v2/orders`).times(3).reply(503, '');
    OK();
    const { client, clock } = setup({ random: () => 0.5 });
    await client.get(ORDERS);
    expect(clock.sleeps).toEqual([500, 1000, 2000]);
  });
});

describe('429', () => {
  it('waits X-Rate-Limit-Time-Reset-Ms (plus a small margin), and tells the limiter', async () => {
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .reply(429, TOO_MANY, { ...JSON_HEADERS, ...rateHeaders(0, 150, 12_000), 'X-Retry-After': '12' });
    OK();
    const { client, clock } = setup();
    expect((await client.get(ORDERS)).records).toEqual([{ id: 1 }]);
    expect(clock.sleeps).toEqual([12_100]);
    expect(client.stats()).toMatchObject({
      requests: 2,
      retries: 1,
      rateLimited: 1,
      byStream: { orders: { requests: 2, retries: 1, rateLimited: 1 } },
    });
  });

  it('with only X-Retry-After waits that many seconds', async () => {
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .reply(429, TOO_MANY, { ...JSON_HEADERS, 'x-retry-after': '7' });
    OK();
    const { client, clock } = setup();
    await client.get(ORDERS);
    expect(clock.sleeps).toEqual([7_100]);
  });

  it('without any headers backs off exponentially', async () => {
    nock(API_URL).get(`${BASE}/v2/orders`).times(2).reply(429, TOO_MANY, JSON_HEADERS);
    OK();
    const { client, clock } = setup({ random: () => 0.25 });
    await client.get(ORDERS);
    expect(clock.sleeps).toEqual([250, 500]);
    expect(client.stats().rateLimited).toBe(2);
  });

  it('makes concurrent requests wait for the reset too (one shared limiter)', async () => {
    // First response: quota spent. The second request must not go out before the reset.
    const sentAt: number[] = [];
    const { client, clock } = setup({ maxConcurrency: 4 });
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .reply(() => {
        sentAt.push(clock.now());
        return [429, TOO_MANY, { ...JSON_HEADERS, ...rateHeaders(0, 150, 10_000) }];
      });
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .times(2)
      .reply(() => {
        sentAt.push(clock.now());
        return [200, [{ id: 1 }], { ...JSON_HEADERS, ...rateHeaders(149, 150, 30_000) }];
      });
    const start = clock.now();
    await Promise.all([client.get(ORDERS), client.get(ORDERS)]);
    expect(sentAt[0]).toBe(start);
    expect(sentAt.slice(1).every((t) => t >= start + 10_000)).toBe(true);
    expect(client.stats().rateLimited).toBe(1);
  });
});

describe('what is never retried', () => {
  it('a 400', async () => {
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .reply(400, [{ status: 400, message: 'bad' }]);
    const { client, clock } = setup();
    await expect(client.get(ORDERS)).rejects.toBeInstanceOf(BadRequestError);
    expect(clock.sleeps).toEqual([]);
  });

  it('a programming error (TypeError) passes through untouched', async () => {
    let calls = 0;
    const bug = new TypeError('undefined is not a function');
    const send: SendRequest = () => {
      calls += 1;
      throw bug;
    };
    const { client, clock } = setup({ send });
    await expect(client.get(ORDERS)).rejects.toBe(bug);
    expect(calls).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('an unresolvable host (ENOTFOUND) fails at once with advice', async () => {
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    const { client } = setup();
    await expect(client.get(ORDERS)).rejects.toThrow(
      'GET /v2/orders failed: connection error ENOTFOUND. The host of api_url cannot be resolved: check api_url.',
    );
  });

  it('decideRetry: unknown errors and exhausted budgets', () => {
    expect(decideRetry(DEFAULT_RETRY_POLICY, new Error('x'), 0, () => 0.5)).toEqual({ shouldRetry: false });
    const timeout = new RequestTimeoutError('t', { method: 'GET', path: '/v2/orders' });
    expect(decideRetry(DEFAULT_RETRY_POLICY, timeout, 0, () => 0.5)).toEqual({ shouldRetry: true, delayMs: 500 });
    expect(decideRetry(DEFAULT_RETRY_POLICY, timeout, 5, () => 0.5)).toEqual({ shouldRetry: false });
  });
});

describe('retry exhaustion', () => {
  it('names the request, the attempts and the last status', async () => {
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .query({ limit: 250, page: 3 })
      .times(3)
      .reply(503, [{ status: 503, message: 'Service Unavailable' }]);
    const { client, clock } = setup({ maxRetries: 2 });
    const error = await client.get({ ...ORDERS, query: { limit: 250, page: 3 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as Error).message).toBe(
      'GET /v2/orders failed after 3 attempts; the last one returned 503 Service Unavailable. ' +
        'BigCommerce may be overloaded or down (status.bigcommerce.com): try again later or raise max_retries.',
    );
    expect(error).toMatchObject({ method: 'GET', path: '/v2/orders', attempts: 3, lastStatus: 503 });
    expect((error as RetriesExhaustedError).cause).toBeInstanceOf(ServerError);
    expect((error as RetriesExhaustedError).details).toContain('GET /v2/orders?limit=250&page=3 -> 503');
    expect(clock.sleeps).toEqual([500, 1000]);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('after timeouts', async () => {
    nock(API_URL).get(`${BASE}/v2/orders`).delay(5_000).reply(200, []);
    const { client } = setup({
      maxRetries: 0,
      requestTimeoutMs: 300_000,
      startTimer: (_ms, onTimeout) => {
        const handle = setImmediate(onTimeout);
        return () => clearImmediate(handle);
      },
    });
    await expect(client.get(ORDERS)).rejects.toThrow(
      'GET /v2/orders failed after 1 attempt; the last one timed out after 300000 ms. ' +
        'BigCommerce may be overloaded or down (status.bigcommerce.com): try again later or raise max_retries.',
    );
  });

  it('after 429s', async () => {
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .times(2)
      .reply(429, TOO_MANY, rateHeaders(0, 150, 1000));
    const { client } = setup({ maxRetries: 1 });
    const error = await client.get(ORDERS).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'GET /v2/orders failed after 2 attempts; the last one returned 429 Too Many Requests (rate limited). ' +
        'BigCommerce may be overloaded or down (status.bigcommerce.com): try again later or raise max_retries.',
    );
    expect((error as RetriesExhaustedError).cause).toBeInstanceOf(RateLimitedError);
  });
});
