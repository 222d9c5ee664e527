/**
 * The HTTP paths the request micro-benchmark compares, each doing what one API request costs the tap end to
 * end: wait for the rate limiter, send with a timeout, read the status, the `Date` and `X-Rate-Limit-*`
 * headers, read the body, release the limiter with what the headers said, and JSON.parse the body.
 */
import http from 'node:http';
import nodeFetch from 'node-fetch';
import { Agent as UndiciAgent, request as undiciRequest } from 'undici';
import { systemClock } from '../../src/clock.js';
import { createRateLimiter, type HeaderReader, parseRateLimitHeaders } from '../../src/http/rate-limiter.js';

export interface Exchange {
  status: number;
  headers: HeaderReader;
  body: string;
}

/** Sends one GET and reads the whole response. */
export type Send = (url: string) => Promise<Exchange>;

export interface Transport {
  label: string;
  /** A fresh client (its own keep-alive pool), closed with `close`. */
  open(concurrency: number): { send: Send; close(): Promise<void> | void };
}

const HEADERS = { 'X-Auth-Token': 'sandbox-token', Accept: 'application/json', 'User-Agent': 'bench' };
const TIMEOUT_MS = 300_000;

/** Headers as node's `IncomingHttpHeaders` / undici's plain object (lower-case names). */
function plainHeaders(headers: Record<string, string | string[] | undefined>): HeaderReader {
  return {
    get(name) {
      const value = headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** node-fetch 3 on a keep-alive agent, an AbortController and a timer per attempt: the tap's path as of issue 14's start. */
export const nodeFetchTransport: Transport = {
  label: 'node-fetch (keep-alive agent)',
  open(concurrency) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    return {
      async send(url) {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
        try {
          const response = await nodeFetch(url, {
            method: 'GET',
            headers: HEADERS,
            signal: controller.signal as never,
            redirect: 'manual',
            agent,
          });
          return { status: response.status, headers: response.headers, body: await response.text() };
        } finally {
          clearTimeout(timer);
        }
      },
      close: () => agent.destroy(),
    };
  },
};

/** Node's built-in `fetch` (undici's fetch on the global dispatcher, keep-alive by default). */
export const builtinFetchTransport: Transport = {
  label: 'built-in fetch',
  open() {
    return {
      async send(url) {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
        try {
          const response = await fetch(url, { method: 'GET', headers: HEADERS, signal: controller.signal, redirect: 'manual' });
          return { status: response.status, headers: response.headers, body: await response.text() };
        } finally {
          clearTimeout(timer);
        }
      },
      close: () => undefined,
    };
  },
};

/** undici's `request` on its own agent (headers and body timeouts built in: no AbortController). */
export const undiciRequestTransport: Transport = {
  label: 'undici.request',
  open(concurrency) {
    const dispatcher = new UndiciAgent({ connections: concurrency, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS });
    return {
      async send(url) {
        const response = await undiciRequest(url, { method: 'GET', headers: HEADERS, dispatcher });
        return { status: response.statusCode, headers: plainHeaders(response.headers), body: await response.body.text() };
      },
      close: () => dispatcher.close(),
    };
  },
};

/** `http.request` on a keep-alive agent with the socket's own timeout: what node-fetch is built on (a reference). */
export const httpRequestTransport: Transport = {
  label: 'node:http request (reference)',
  open(concurrency) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    return {
      send: (url) =>
        new Promise((resolve, reject) => {
          const request = http.get(url, { headers: HEADERS, agent, timeout: TIMEOUT_MS }, (response) => {
            response.setEncoding('utf8');
            let body = '';
            response.on('data', (chunk: string) => {
              body += chunk;
            });
            response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: plainHeaders(response.headers), body }));
            response.on('error', reject);
          });
          request.on('timeout', () => request.destroy(new Error('timeout')));
          request.on('error', reject);
        }),
      close: () => agent.destroy(),
    };
  },
};

export const TRANSPORTS: readonly Transport[] = [nodeFetchTransport, builtinFetchTransport, undiciRequestTransport, httpRequestTransport];

/**
 * One request as the tap pays for it on `send`: limiter acquire/release with the rate-limit headers, the `Date`
 * header, and JSON.parse of the body. Returns the body's length (so nothing is optimized away).
 */
export function withTapBookkeeping(send: Send): (url: string) => Promise<number> {
  const limiter = createRateLimiter({ clock: systemClock });
  return async (url) => {
    await limiter.acquire();
    let exchange: Exchange;
    try {
      exchange = await send(url);
    } catch (error) {
      limiter.release({ hasResponse: false });
      throw error;
    }
    const info = parseRateLimitHeaders(exchange.headers);
    limiter.release({ hasResponse: true, status: exchange.status, info });
    if (exchange.status !== 200 && exchange.status !== 204) throw new Error(`${url} -> ${exchange.status}`);
    const date = Date.parse(exchange.headers.get('date') ?? '');
    const parsed = exchange.body === '' ? [] : (JSON.parse(exchange.body) as unknown[]);
    return parsed.length + (Number.isFinite(date) ? 0 : 1) + exchange.body.length;
  };
}
