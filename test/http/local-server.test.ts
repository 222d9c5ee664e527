import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.js';
import { createApiClient } from '../../src/http/client.js';
import { createHttpTransport, type SendRequest } from '../../src/http/transport.js';
import { createMemoryLogger } from '../../src/logger.js';
import { SCOPES, TOKEN } from './helpers.js';

/**
 * A tiny BigCommerce stand-in on 127.0.0.1 that enforces a quota the way the real API does: `QUOTA` requests per
 * window, 429 past it, and the `X-Rate-Limit-*` headers on every response. Real HTTP, but virtual time: both
 * sides read one clock that moves only when the client's rate limiter sleeps, so what is measured (requests per
 * window) does not depend on how busy the machine is, and nothing waits on the wall clock.
 */
const QUOTA = 30;
const WINDOW_MS = 400;
const TOTAL_REQUESTS = 150;
const MAX_CONCURRENCY = 8;

interface Scenario {
  name: string;
  /** `fixed`: windows on a fixed beat from server start. `rolling`: a window starts at the first request after the last one ended. */
  windows: 'fixed' | 'rolling';
  /** Requests another app spends at the start of each window (they share the store's quota). */
  otherAppPerWindow: number;
}

interface QuotaServer {
  url: string;
  served: number;
  rejected: number;
  otherApp: number;
  usedByWindow: Map<number, number>;
  maxInFlight: number;
  close(): Promise<void>;
}

/**
 * Time that moves only when the client sleeps, and only once every request it sent has been answered: requests
 * take no virtual time, so the server counts each one in the window the client sent it in. The client's requests
 * goes through `send` so the clock knows what is in flight.
 */
function createVirtualTime(startMs: number): { clock: Clock; send: SendRequest } {
  let nowMs = startMs;
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];
  const answered = () => {
    inFlight -= 1;
    if (inFlight > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  };
  const transport = createHttpTransport({ isHttps: false, maxSockets: 8 });
  return {
    clock: {
      now: () => nowMs,
      sleep: async (ms) => {
        while (inFlight > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
        // One turn of the event loop: the client hands the last response's headers to its limiter.
        await new Promise((resolve) => setImmediate(resolve));
        nowMs += Math.max(0, ms);
      },
    },
    send: (url, headers) => {
      inFlight += 1;
      const pending = transport.send(url, headers);
      return { ...pending, response: pending.response.finally(answered) };
    },
  };
}

async function startQuotaServer(scenario: Scenario, clock: Clock): Promise<QuotaServer> {
  const t0 = clock.now();
  let windowIndex = -1;
  let windowEndsAt = 0;
  let inFlight = 0;
  const state = { served: 0, rejected: 0, otherApp: 0, usedByWindow: new Map<number, number>(), maxInFlight: 0 };

  const currentWindow = (now: number): number => {
    if (scenario.windows === 'fixed') {
      const index = Math.floor((now - t0) / WINDOW_MS);
      windowEndsAt = t0 + (index + 1) * WINDOW_MS;
      if (index !== windowIndex) openWindow(index);
      return index;
    }
    if (now >= windowEndsAt) {
      windowEndsAt = now + WINDOW_MS;
      openWindow(windowIndex + 1);
    }
    return windowIndex;
  };
  const openWindow = (index: number) => {
    windowIndex = index;
    state.usedByWindow.set(index, scenario.otherAppPerWindow);
    state.otherApp += scenario.otherAppPerWindow;
  };

  const server: Server = createServer((req, res) => {
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    const now = clock.now();
    const index = currentWindow(now);
    const used = state.usedByWindow.get(index) ?? 0;
    const isAllowed = used < QUOTA && req.headers['x-auth-token'] === TOKEN;
    if (isAllowed) state.usedByWindow.set(index, used + 1);
    const resetMs = windowEndsAt - now;
    const headers = {
      'content-type': 'application/json',
      'x-rate-limit-time-window-ms': String(WINDOW_MS),
      'x-rate-limit-time-reset-ms': String(resetMs),
      'x-rate-limit-requests-quota': String(QUOTA),
      'x-rate-limit-requests-left': String(QUOTA - (isAllowed ? used + 1 : used)),
    };
    // Answered on a later turn of the event loop, so requests overlap when the client sends them together.
    setImmediate(() => {
      inFlight -= 1;
      if (!isAllowed) {
        state.rejected += 1;
        res.writeHead(429, { ...headers, 'x-retry-after': String(Math.ceil(resetMs / 1000)) });
        res.end(
          JSON.stringify({ status: 429, title: 'Too many requests', type: '/api-docs/getting-started/api-status-codes', errors: {} }),
        );
        return;
      }
      state.served += 1;
      res.writeHead(200, headers);
      res.end(JSON.stringify([{ id: state.served }]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as unknown as QuotaServer & typeof state;
}

let server: (QuotaServer & { served: number }) | undefined;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => nock.cleanAll());

const SCENARIOS: Scenario[] = [
  { name: 'fixed windows, the tap alone', windows: 'fixed', otherAppPerWindow: 0 },
  { name: 'rolling windows, the tap alone', windows: 'rolling', otherAppPerWindow: 0 },
  { name: 'fixed windows, another app spends 6 per window', windows: 'fixed', otherAppPerWindow: 6 },
];

it.each(SCENARIOS)(
  `$name: ${TOTAL_REQUESTS} requests, ${QUOTA} per ${WINDOW_MS} ms, concurrency ${MAX_CONCURRENCY}: no 429, >= 90% of the quota used`,
  async (scenario) => {
    const { clock, send } = createVirtualTime(Date.UTC(2024, 0, 1));
    const quotaServer = await startQuotaServer(scenario, clock);
    server = quotaServer;
    const client = createApiClient({
      apiUrl: quotaServer.url,
      storeHash: 'abc123',
      accessToken: TOKEN,
      userAgent: 'tap-bigcommerce/test',
      requestTimeoutMs: 10_000,
      maxRetries: 5,
      maxConcurrency: MAX_CONCURRENCY,
      clock,
      send,
      logger: createMemoryLogger('info'),
      scopes: SCOPES,
    });
    const pages = await Promise.all(
      Array.from({ length: TOTAL_REQUESTS }, (_, i) =>
        client.get({ apiVersion: 'v2', path: '/orders', query: { page: i + 1 }, stream: 'orders' }),
      ),
    );
    client.close();

    // Only windows in which the tap was served count (the rolling server opens a window per first request), and
    // not the last one, where the work ran out: what is measured is how full the pacing keeps a window.
    const tapWindows = [...quotaServer.usedByWindow.values()].filter((used) => used > scenario.otherAppPerWindow);
    const windows = tapWindows.length;
    const fullWindows = tapWindows.slice(0, -1);
    const quotaUse = fullWindows.reduce((sum, used) => sum + used, 0) / (fullWindows.length * QUOTA);
    const stats = client.stats();
    console.error(
      `local server [${scenario.name}]: tap served ${quotaServer.served}, other app ${windows * scenario.otherAppPerWindow}, ` +
        `${quotaServer.rejected} x 429, ${windows} windows x ${QUOTA}, quota use ${(quotaUse * 100).toFixed(1)}% (windows before the last), ` +
        `max in flight ${quotaServer.maxInFlight}, ` +
        `per window ${JSON.stringify(Object.fromEntries(quotaServer.usedByWindow))}, client requests ${stats.requests}`,
    );

    expect(pages).toHaveLength(TOTAL_REQUESTS);
    expect(quotaServer.rejected).toBe(0);
    expect(stats.rateLimited).toBe(0);
    expect(stats.requests).toBe(TOTAL_REQUESTS);
    expect(quotaServer.maxInFlight).toBeLessThanOrEqual(MAX_CONCURRENCY);
    expect(quotaUse).toBeGreaterThanOrEqual(0.9);
  },
);
