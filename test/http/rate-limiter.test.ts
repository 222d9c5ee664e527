import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../src/clock.js';
import { createRateLimiter, parseRateLimitHeaders, type RateLimitInfo } from '../../src/http/rate-limiter.js';
import { createHttpTransport, type SendRequest } from '../../src/http/transport.js';
import { API_URL, assertAllInterceptorsUsed, BASE, JSON_HEADERS, rateHeaders, setup } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => assertAllInterceptorsUsed(nock));

const info = (requestsLeft: number, resetMs = 10_000, quota = 10, windowMs = 30_000): RateLimitInfo => ({
  requestsLeft,
  requestsQuota: quota,
  resetMs,
  windowMs,
});

/** Resolves on the next macrotask: lets pending acquisitions settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function track(promise: Promise<void>): { readonly isDone: boolean } {
  const state = { isDone: false };
  void promise.then(() => (state.isDone = true));
  return state;
}

describe('parseRateLimitHeaders', () => {
  it('reads the headers whatever their case', () => {
    const headers = new Headers({
      'x-rate-limit-requests-left': '35',
      'X-RATE-LIMIT-REQUESTS-QUOTA': '150',
      'X-Rate-Limit-Time-Reset-Ms': '15000',
      'x-Rate-Limit-time-window-ms': '30000',
    });
    expect(parseRateLimitHeaders(headers)).toEqual({ requestsLeft: 35, requestsQuota: 150, resetMs: 15_000, windowMs: 30_000 });
  });

  it('is undefined without Requests-Left, and ignores garbage', () => {
    expect(parseRateLimitHeaders(new Headers({ 'x-rate-limit-requests-quota': '150' }))).toBeUndefined();
    expect(parseRateLimitHeaders(new Headers({ 'x-rate-limit-requests-left': 'lots' }))).toBeUndefined();
  });
});

describe('createRateLimiter', () => {
  it('lets only one request out until the first headers arrive', async () => {
    const limiter = createRateLimiter({ clock: createFakeClock() });
    await limiter.acquire();
    const second = track(limiter.acquire());
    await settle();
    expect(second.isDone).toBe(false);
    limiter.release({ hasResponse: true, status: 200, info: info(9) });
    await settle();
    expect(second.isDone).toBe(true);
  });

  it('does not pace when responses carry no rate-limit headers', async () => {
    const limiter = createRateLimiter({ clock: createFakeClock() });
    await limiter.acquire();
    limiter.release({ hasResponse: true, status: 200 });
    await Promise.all(Array.from({ length: 50 }, () => limiter.acquire()));
    expect(limiter.snapshot()).toMatchObject({ mode: 'unlimited', inFlight: 50 });
  });

  it('a failure without a response teaches nothing: still one at a time', async () => {
    const limiter = createRateLimiter({ clock: createFakeClock() });
    await limiter.acquire();
    limiter.release({ hasResponse: false });
    expect(limiter.snapshot().mode).toBe('unknown');
  });

  it('counts requests in flight against Requests-Left', async () => {
    const limiter = createRateLimiter({ clock: createFakeClock() });
    await limiter.acquire();
    limiter.release({ hasResponse: true, status: 200, info: info(3) });
    await limiter.acquire();
    await limiter.acquire();
    await limiter.acquire();
    const fourth = track(limiter.acquire());
    await settle();
    expect(fourth.isDone).toBe(false);
    expect(limiter.snapshot()).toMatchObject({ requestsLeft: 3, inFlight: 3, waiting: 1 });
  });

  it('sleeps until the reset (plus margin) when the quota is spent, then assumes the full quota', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ clock });
    await limiter.acquire();
    limiter.release({ hasResponse: true, status: 200, info: info(0, 12_345) });
    await limiter.acquire();
    expect(clock.sleeps).toEqual([12_345 + 50]);
    expect(limiter.snapshot()).toMatchObject({ mode: 'paced', requestsLeft: 10, inFlight: 1 });
  });

  it('trusts the server over local counting: another app used part of the quota', async () => {
    const limiter = createRateLimiter({ clock: createFakeClock() });
    await limiter.acquire();
    limiter.release({ hasResponse: true, status: 200, info: info(9) });
    await limiter.acquire();
    limiter.release({ hasResponse: true, status: 200, info: info(2) });
    expect(limiter.snapshot().requestsLeft).toBe(2);
  });

  it('keeps the lowest count within a window when responses arrive out of order, and ignores stale ones', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ clock });
    await limiter.acquire();
    limiter.release({ hasResponse: true, status: 200, info: info(5, 10_000) });
    await limiter.acquire();
    await limiter.acquire();
    limiter.release({ hasResponse: true, status: 200, info: info(3, 9_990) });
    limiter.release({ hasResponse: true, status: 200, info: info(4, 9_995) });
    expect(limiter.snapshot().requestsLeft).toBe(3);
    // A new window (reset much later) replaces the count.
    clock.advance(10_100);
    await limiter.acquire();
    limiter.release({ hasResponse: true, status: 200, info: info(9, 29_990) });
    expect(limiter.snapshot().requestsLeft).toBe(9);
    // A late response from the previous window (reset long past) is ignored.
    await limiter.acquire();
    limiter.release({ hasResponse: true, status: 200, info: info(0, 0) });
    expect(limiter.snapshot().requestsLeft).toBe(9);
  });

  it('a 429 empties the quota until its reset', async () => {
    const clock = createFakeClock();
    const limiter = createRateLimiter({ clock });
    await limiter.acquire();
    limiter.release({ hasResponse: true, status: 200, info: info(8, 5_000) });
    await limiter.acquire();
    limiter.noteRateLimited(7_000);
    limiter.release({ hasResponse: true, status: 429 });
    await limiter.acquire();
    expect(clock.sleeps).toEqual([7_050]);
  });
});

/**
 * A BigCommerce-like quota on the fake clock: `quota` requests per fixed window, 429 past it, headers on every
 * response (in the case given). The fake clock only moves when the client sleeps, so pacing is exact.
 */
function quotaServer(clock: ReturnType<typeof createFakeClock>, quota: number, windowMs: number, headerCase: (name: string) => string) {
  const t0 = clock.now();
  const used = new Map<number, number>();
  const stats = { served: 0, rejected: 0 };
  const reply = (): [number, unknown, Record<string, string>] => {
    const now = clock.now();
    const windowIndex = Math.floor((now - t0) / windowMs);
    const count = used.get(windowIndex) ?? 0;
    const isAllowed = count < quota;
    if (isAllowed) used.set(windowIndex, count + 1);
    const raw = rateHeaders(quota - (isAllowed ? count + 1 : count), quota, t0 + (windowIndex + 1) * windowMs - now, windowMs);
    const headers: Record<string, string> = { ...JSON_HEADERS };
    for (const [name, value] of Object.entries(raw)) headers[headerCase(name)] = value;
    if (!isAllowed) {
      stats.rejected += 1;
      return [429, { status: 429, title: 'Too many requests' }, headers];
    }
    stats.served += 1;
    return [200, [{ id: stats.served }], headers];
  };
  return { reply, used, stats };
}

/** Wraps the client's own transport to count requests in flight. */
function countingFetch(): { send: SendRequest; readonly maxInFlight: number } {
  let inFlight = 0;
  let maxInFlight = 0;
  const transport = createHttpTransport({ isHttps: true, maxSockets: 8 });
  const send: SendRequest = (url, headers) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const pending = transport.send(url, headers);
    return {
      ...pending,
      response: pending.response.finally(() => {
        inFlight -= 1;
      }),
    };
  };
  return {
    send,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

describe('the client paces itself from the headers', () => {
  it.each([
    ['canonical', (n: string) => n],
    ['lowercase', (n: string) => n.toLowerCase()],
    ['UPPERCASE', (n: string) => n.toUpperCase()],
  ])(
    'sequential requests against a 10-per-30 s quota (%s headers): no 429, every window used in full, requests spread over it',
    async (_label, headerCase) => {
      const counter = countingFetch();
      const { client, clock } = setup({ maxConcurrency: 1, send: counter.send });
      const server = quotaServer(clock, 10, 30_000, headerCase);
      nock(API_URL).get(`${BASE}/v2/orders`).query(true).times(35).reply(server.reply);
      for (let page = 1; page <= 35; page += 1) await client.get({ apiVersion: 'v2', path: '/orders', query: { page }, stream: 'orders' });
      expect(server.stats).toEqual({ served: 35, rejected: 0 });
      expect([...server.used.values()]).toEqual([10, 10, 10, 5]);
      expect(client.stats().rateLimited).toBe(0);
      // Spread over the window, not sent in a burst: one request every window / quota = 3 s.
      expect(clock.sleeps.slice(0, 8)).toEqual(Array(8).fill(3000));
      // Never a whole window's wait: at most two slots plus the reset margin.
      expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(2 * 3000 + 50);
    },
  );

  it('concurrent requests share one limiter: never more than maxConcurrency in flight, no 429', async () => {
    const counter = countingFetch();
    const { client, clock } = setup({ maxConcurrency: 4, send: counter.send });
    const server = quotaServer(clock, 10, 30_000, (n) => n);
    nock(API_URL).get(`${BASE}/v2/orders`).query(true).times(60).reply(server.reply);
    const pages = await Promise.all(
      Array.from({ length: 60 }, (_, i) => client.get({ apiVersion: 'v2', path: '/orders', query: { page: i + 1 }, stream: 'orders' })),
    );
    expect(pages).toHaveLength(60);
    expect(server.stats).toEqual({ served: 60, rejected: 0 });
    // (The fake clock adds up sleeps that overlap in real life, so windows are not filled exactly here; the
    // local-server test measures quota use on a real clock.)
    for (const used of server.used.values()) expect(used).toBeLessThanOrEqual(10);
    expect(counter.maxInFlight).toBeLessThanOrEqual(4);
    expect(client.stats()).toMatchObject({ requests: 60, retries: 0, rateLimited: 0 });
  });

  it('several streams on one client share the quota', async () => {
    const counter = countingFetch();
    const { client, clock } = setup({ maxConcurrency: 8, send: counter.send });
    const server = quotaServer(clock, 12, 30_000, (n) => n.toLowerCase());
    nock(API_URL).get(`${BASE}/v2/orders`).query(true).times(20).reply(server.reply);
    nock(API_URL).get(`${BASE}/v2/coupons`).query(true).times(20).reply(server.reply);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client.get({
          apiVersion: 'v2',
          path: i % 2 === 0 ? '/orders' : '/coupons',
          query: { page: i },
          stream: i % 2 === 0 ? 'orders' : 'coupons',
        }),
      ),
    );
    expect(server.stats.rejected).toBe(0);
    expect(counter.maxInFlight).toBeLessThanOrEqual(8);
    expect(client.stats().byStream).toEqual({
      orders: { requests: 20, retries: 0, rateLimited: 0 },
      coupons: { requests: 20, retries: 0, rateLimited: 0 },
    });
  });
});
