import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { createApiClient } from '../../src/http/client.js';
import { createMemoryLogger } from '../../src/logger.js';
import { SCOPES, TOKEN } from './helpers.js';

/**
 * A tiny BigCommerce stand-in that enforces a quota the way the real API does: `QUOTA` requests per fixed window,
 * 429 past it, and the `X-Rate-Limit-*` headers on every response. Windows are short so the test stays fast; the
 * real clock drives both sides.
 */
const QUOTA = 30;
const WINDOW_MS = 400;
const TOTAL_REQUESTS = 150;
const MAX_CONCURRENCY = 8;

interface ServerLog {
  served: number;
  rejected: number;
  windowsUsed: Map<number, number>;
  maxInFlight: number;
  firstServedAt: number;
  lastServedAt: number;
}

let server: Server;
let baseUrl: string;
let t0: number;
const log: ServerLog = { served: 0, rejected: 0, windowsUsed: new Map(), maxInFlight: 0, firstServedAt: 0, lastServedAt: 0 };

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  let inFlight = 0;
  server = createServer((req, res) => {
    inFlight += 1;
    log.maxInFlight = Math.max(log.maxInFlight, inFlight);
    const now = Date.now();
    const windowIndex = Math.floor((now - t0) / WINDOW_MS);
    const used = log.windowsUsed.get(windowIndex) ?? 0;
    const resetMs = t0 + (windowIndex + 1) * WINDOW_MS - now;
    const isAllowed = used < QUOTA && req.headers['x-auth-token'] === TOKEN;
    if (isAllowed) log.windowsUsed.set(windowIndex, used + 1);
    const headers = {
      'content-type': 'application/json',
      'x-rate-limit-time-window-ms': String(WINDOW_MS),
      'x-rate-limit-time-reset-ms': String(resetMs),
      'x-rate-limit-requests-quota': String(QUOTA),
      'x-rate-limit-requests-left': String(QUOTA - (isAllowed ? used + 1 : used)),
    };
    // A few ms of "work", so several requests really are in flight at once.
    setTimeout(() => {
      inFlight -= 1;
      if (!isAllowed) {
        log.rejected += 1;
        res.writeHead(429, { ...headers, 'x-retry-after': String(Math.ceil(resetMs / 1000)) });
        res.end(JSON.stringify({ status: 429, title: 'Too many requests', type: '/api-docs/getting-started/api-status-codes', errors: {} }));
        return;
      }
      log.served += 1;
      log.lastServedAt = Date.now();
      if (log.firstServedAt === 0) log.firstServedAt = log.lastServedAt;
      res.writeHead(200, headers);
      res.end(JSON.stringify([{ id: log.served }]));
    }, 2 + (log.served % 5));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  nock.enableNetConnect();
});

it(`runs ${TOTAL_REQUESTS} requests through a ${QUOTA}/${WINDOW_MS} ms quota with no 429 and >= 90% use`, async () => {
  const client = createApiClient({
    apiUrl: baseUrl,
    storeHash: 'abc123',
    accessToken: TOKEN,
    userAgent: 'tap-bigcommerce/test',
    requestTimeoutMs: 10_000,
    maxRetries: 5,
    maxConcurrency: MAX_CONCURRENCY,
    clock: systemClock,
    logger: createMemoryLogger('info'),
    scopes: SCOPES,
  });
  t0 = Date.now();
  const pages = await Promise.all(
    Array.from({ length: TOTAL_REQUESTS }, (_, i) => client.get({ apiVersion: 'v2', path: '/orders', query: { page: i + 1 }, stream: 'orders' })),
  );
  client.close();

  const windowIndexes = [...log.windowsUsed.keys()];
  const windowsSpanned = Math.max(...windowIndexes) - Math.min(...windowIndexes) + 1;
  const quotaUse = log.served / (windowsSpanned * QUOTA);
  const elapsedMs = log.lastServedAt - t0;
  const stats = client.stats();
  console.error(
    `local server: ${log.served} served, ${log.rejected} x 429, ${windowsSpanned} windows of ${WINDOW_MS} ms x ${QUOTA}, ` +
      `quota use ${(quotaUse * 100).toFixed(1)}%, elapsed ${elapsedMs} ms (${(elapsedMs / WINDOW_MS).toFixed(2)} windows), ` +
      `max in flight ${log.maxInFlight}, per window ${JSON.stringify(Object.fromEntries(log.windowsUsed))}, client stats ${JSON.stringify(stats)}`,
  );

  expect(pages).toHaveLength(TOTAL_REQUESTS);
  expect(log.rejected).toBe(0);
  expect(stats.rateLimited).toBe(0);
  expect(stats.requests).toBe(TOTAL_REQUESTS);
  expect(log.maxInFlight).toBeLessThanOrEqual(MAX_CONCURRENCY);
  expect(quotaUse).toBeGreaterThanOrEqual(0.9);
});
