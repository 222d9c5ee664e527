import { describe, expect, test, vi } from 'vitest';
import { startSandbox } from '../../sandbox/index.js';
import { get } from './helpers.js';

const SCOPE_ERROR = {
  status: 403,
  title: "You don't have a required scope to access the endpoint",
  type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes',
  errors: {},
};

describe('auth and scopes', () => {
  test('401 for a missing or wrong token (object or empty body), 403 for an unknown hash or missing scope', async () => {
    const sb = await startSandbox({ scopes: ['store_v2_orders_read_only'] });
    const missing = await fetch(`${sb.url}/stores/sandbox1/v2/orders`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { status: number }).status).toBe(401);
    expect((await get(sb, '/v2/orders', { 'X-Auth-Token': 'wrong' })).status).toBe(401);
    const badHash = await fetch(`${sb.url}/stores/nope123/v2/orders`, { headers: { 'X-Auth-Token': sb.accessToken } });
    expect(badHash.status).toBe(403);
    expect(await badHash.json()).toEqual(SCOPE_ERROR);
    expect((await get(sb, '/v2/orders?limit=1')).status).toBe(200);
    for (const path of ['/v3/customers', '/v3/catalog/products', '/v2/coupons', '/v2/time']) {
      const got = await get(sb, path);
      expect(got.status).toBe(403);
      expect(got.body).toEqual(SCOPE_ERROR);
    }
    await sb.close();
    const empty = await startSandbox({ unauthorizedBody: 'empty' });
    const got = await get(empty, '/v2/orders', { 'X-Auth-Token': '' });
    expect(got.status).toBe(401);
    expect(got.text).toBe('');
    await empty.close();
  });
});

test('an Accept header without JSON is 406', async () => {
  const sb = await startSandbox();
  expect((await get(sb, '/v2/orders', { Accept: 'text/html' })).status).toBe(406);
  expect((await get(sb, '/v2/orders?limit=1', { Accept: '*/*' })).status).toBe(200);
  await sb.close();
});

describe('limit over 250', () => {
  test('reject: 413 with a v2 array or a v3 object; cap: 250 records', async () => {
    const reject = await startSandbox();
    const v2 = await get(reject, '/v2/orders?limit=251');
    expect(v2.status).toBe(413);
    expect(Array.isArray(v2.body)).toBe(true);
    const v3 = await get(reject, '/v3/customers?limit=500');
    expect(v3.status).toBe(413);
    expect(v3.body.status).toBe(413);
    expect(Array.isArray(v3.body)).toBe(false);
    await reject.close();
    const cap = await startSandbox({ oversizeLimit: 'cap' });
    expect((await get(cap, '/v2/orders?limit=1000')).body).toHaveLength(250);
    expect((await get(cap, '/v3/catalog/products?limit=1000')).body.meta.pagination.per_page).toBe(250);
    await cap.close();
  });
});

describe('rate limiting', () => {
  test('headers on every response; 429 past the quota with X-Retry-After; counted in stats', async () => {
    let now = Date.UTC(2024, 0, 1);
    const sb = await startSandbox({ quota: { requests: 3, windowMs: 30_000 }, clock: { now: () => now } });
    const lefts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const got = await get(sb, '/v2/time');
      expect(got.status).toBe(200);
      expect(got.headers.get('x-rate-limit-time-window-ms')).toBe('30000');
      expect(got.headers.get('x-rate-limit-requests-quota')).toBe('3');
      lefts.push(got.headers.get('x-rate-limit-requests-left')!);
      now += 1000;
    }
    expect(lefts).toEqual(['2', '1', '0']);
    const limited = await get(sb, '/v2/orders');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      status: 429,
      title: 'Too many requests',
      type: '/api-docs/getting-started/api-status-codes',
      errors: {},
    });
    expect(limited.headers.get('x-rate-limit-time-reset-ms')).toBe('27000');
    expect(limited.headers.get('x-retry-after')).toBe('27');
    expect(limited.headers.get('x-rate-limit-requests-left')).toBe('0');
    expect(limited.headers.get('date')).toBe(new Date(now).toUTCString());
    now += 27_000;
    const fresh = await get(sb, '/v2/time');
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-rate-limit-requests-left')).toBe('2');
    expect(fresh.headers.get('x-rate-limit-time-reset-ms')).toBe('30000');
    const stats = sb.stats();
    expect(stats.served429).toBe(1);
    expect(stats.requests).toBe(5);
    expect(stats.byRoute['GET /v2/time']).toBe(4);
    expect(stats.maxInFlight).toBeGreaterThanOrEqual(1);
    // Requests counted against the quota per window: the refused one is not counted.
    expect(stats.usedPerWindow).toEqual([3, 1]);
    await sb.close();
  });

  test('quota null: no rate-limit headers', async () => {
    const sb = await startSandbox({ quota: null });
    const got = await get(sb, '/v2/time');
    expect(got.headers.get('x-rate-limit-requests-left')).toBeNull();
    await sb.close();
  });
});

describe('faults', () => {
  test('errorRate answers 500/502/503/504 with an HTML body', async () => {
    const sb = await startSandbox({ errorRate: 0.5, seed: 5 });
    const statuses = new Set<number>();
    for (let i = 0; i < 60; i++) {
      const got = await get(sb, '/v2/orders?limit=1');
      if (got.status >= 500) {
        expect(got.headers.get('content-type')).toContain('text/html');
        expect(got.text).toMatch(/^<html><body><h1>50[0234] [A-Za-z ]+<\/h1><\/body><\/html>$/);
      }
      statuses.add(got.status);
    }
    expect(statuses.has(200)).toBe(true);
    expect([...statuses].filter((s) => s >= 500).length).toBeGreaterThanOrEqual(3);
    await sb.close();
  });

  test('resetRate destroys the connection', async () => {
    const sb = await startSandbox({ resetRate: 1 });
    await expect(fetch(`${sb.url}/stores/sandbox1/v2/time`, { headers: { 'X-Auth-Token': sb.accessToken } })).rejects.toThrow();
    await sb.close();
  });

  test('latencyMs holds every response for that long on the store clock', async () => {
    const sleeps: number[] = [];
    let wake: (() => void) | undefined;
    const clock = {
      now: () => Date.UTC(2024, 0, 1),
      sleep: (ms: number) => {
        sleeps.push(ms);
        return new Promise<void>((resolve) => (wake = resolve));
      },
    };
    const sb = await startSandbox({ latencyMs: 50, clock });
    let isAnswered = false;
    const response = get(sb, '/v2/time').then((got) => {
      isAnswered = true;
      return got;
    });
    await vi.waitFor(() => expect(sleeps).toEqual([50]));
    expect(isAnswered).toBe(false);
    wake!();
    expect((await response).status).toBe(200);
    await sb.close();
  });
});
