/**
 * Micro-benchmark: client CPU per API request, end to end (limiter, send with a timeout, status and headers,
 * body, JSON.parse), for each HTTP path the tap could use (bench/lib/http-transports.ts) and for the tap's own
 * client (`src/http/client.ts`, what a sync really pays), 8 requests in flight against the sandbox in its own
 * process serving order line items (`/v2/orders/{id}/products`, ~3.7 KB each) with rate-limit headers.
 * Rounds interleave the paths; each figure is the median of the rounds after a warm-up round.
 *
 * `npm run build && node dist/bench/http-client-micro.js [--requests 10000] [--rounds 5]`
 * `--instructions`: also count instructions per request under `valgrind --tool=callgrind` (each path in its own
 * process, at two request counts, the difference divided by the difference: start-up cancels out).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock.js';
import { createApiClient } from '../src/http/client.js';
import type { ApiRequest } from '../src/http/types.js';
import { createLogger } from '../src/logger.js';
import { TRANSPORTS, withTapBookkeeping } from './lib/http-transports.js';
import { startSandboxProcess } from './lib/processes.js';
import { int, median, table } from './lib/report.js';

const CONCURRENCY = 8;
export const TAP_CLIENT = 'tap client (src/http/client.ts)';
export const PATH_LABELS = [...TRANSPORTS.map((t) => t.label), TAP_CLIENT];

type Get = (url: string) => Promise<number>;

function openPath(
  label: string,
  baseUrl: string,
): { get: Get; prepare?: (urls: readonly string[]) => void; close(): Promise<void> | void } {
  if (label === TAP_CLIENT) {
    const client = createApiClient({
      apiUrl: baseUrl,
      storeHash: 'sandbox1',
      accessToken: 'sandbox-token',
      userAgent: 'bench',
      requestTimeoutMs: 300_000,
      maxRetries: 0,
      maxConcurrency: CONCURRENCY,
      clock: systemClock,
      logger: createLogger({ level: 'info', write: () => undefined }),
      scopes: {},
    });
    const prefix = `${baseUrl}/stores/sandbox1/v2`;
    // The requests as the engine builds them, made before the measured pass: what is timed is the client.
    const requests = new Map<string, ApiRequest>();
    const requestOf = (url: string): ApiRequest => {
      let request = requests.get(url);
      if (request === undefined) {
        const [path, query] = url.slice(prefix.length).split('?');
        request = {
          apiVersion: 'v2',
          path: path ?? '',
          query: Object.fromEntries(new URLSearchParams(query)),
          stream: 'orders',
          endpoint: 'orders.products',
        };
        requests.set(url, request);
      }
      return request;
    };
    return {
      prepare: (urls) => {
        for (const url of urls) requestOf(url);
      },
      get: async (url) => (await client.get(requestOf(url))).records.length,
      close: () => client.close(),
    };
  }
  const transport = TRANSPORTS.find((t) => t.label === label);
  if (transport === undefined) throw new Error(`unknown path ${label}`);
  const opened = transport.open(CONCURRENCY);
  return { get: withTapBookkeeping(opened.send), close: () => opened.close() };
}

/** CPU microseconds per request and requests/s of one pass over `urls`, 8 in flight. */
async function measure(get: Get, urls: readonly string[]): Promise<{ cpuUs: number; perSecond: number }> {
  let next = 0;
  let sink = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < urls.length; i = next++) sink += await get(urls[i] ?? '');
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (sink < 0) throw new Error('unreachable');
  return { cpuUs: (cpu.user + cpu.system) / urls.length, perSecond: urls.length / seconds };
}

/** `count` line-item URLs of distinct orders (order ids are not contiguous: listed first). */
async function lineItemUrls(baseUrl: string, count: number): Promise<string[]> {
  const ids: number[] = [];
  for (let minId = 0; ids.length < count; ) {
    const response = await fetch(`${baseUrl}/stores/sandbox1/v2/orders?sort=id:asc&limit=250&min_id=${minId}`, {
      headers: { 'X-Auth-Token': 'sandbox-token', Accept: 'application/json' },
    });
    if (response.status !== 200) break;
    const orders = (await response.json()) as Array<{ id: number }>;
    for (const order of orders) if (order.id >= minId) ids.push(order.id);
    minId = (orders[orders.length - 1]?.id ?? minId) + 1;
  }
  return ids.slice(0, count).map((id) => `${baseUrl}/stores/sandbox1/v2/orders/${id}/products?page=1&limit=250`);
}

export interface PathFigure {
  label: string;
  /** Median over the measured rounds. */
  cpuUsPerRequest: number;
  requestsPerSecond: number;
  rounds: number[];
  /** Instructions per request (callgrind), when asked. */
  instructionsPerRequest?: number;
}

/** Starts a sandbox with rate-limit headers (a quota nothing reaches) and measures every path. */
export async function runHttpMicro(options: { requests: number; rounds: number; instructions?: boolean }): Promise<PathFigure[]> {
  const sandbox = await startSandboxProcess({ orders: options.requests, customers: 0, products: 0, coupons: 0 }, ['--quota', '1000000000']);
  try {
    const urls = await lineItemUrls(sandbox.url, options.requests);
    const samples = new Map<string, Array<{ cpuUs: number; perSecond: number }>>(PATH_LABELS.map((l) => [l, []]));
    for (let round = 0; round <= options.rounds; round++) {
      for (const label of PATH_LABELS) {
        const path = openPath(label, sandbox.url);
        path.prepare?.(urls);
        const figure = await measure(path.get, urls);
        await path.close();
        // Round 0 warms the JIT up and opens the sandbox's lazy data: not counted.
        if (round > 0) samples.get(label)?.push(figure);
      }
    }
    return PATH_LABELS.map((label) => {
      const list = samples.get(label) ?? [];
      const figure: PathFigure = {
        label,
        cpuUsPerRequest: median(list.map((s) => s.cpuUs)),
        requestsPerSecond: median(list.map((s) => s.perSecond)),
        rounds: list.map((s) => s.cpuUs),
      };
      if (options.instructions) figure.instructionsPerRequest = countInstructions(label, sandbox.url, urls);
      return figure;
    });
  } finally {
    await sandbox.stop();
  }
}

/** Instructions per request of one path: callgrind totals at two request counts, differenced. */
function countInstructions(label: string, baseUrl: string, urls: readonly string[]): number {
  const small = Math.min(500, Math.floor(urls.length / 4));
  const large = Math.min(2500, urls.length);
  const total = (n: number): number => {
    const run = spawnSync(
      'valgrind',
      // Both counts list the same orders first, so the listing cancels out too.
      [
        '--tool=callgrind',
        '--callgrind-out-file=/dev/null',
        process.execPath,
        fileURLToPath(import.meta.url),
        '--one',
        label,
        '--url',
        baseUrl,
        '--requests',
        String(n),
        '--list',
        String(large),
      ],
      { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
    );
    const match = /Collected : (\d+)/.exec(run.stderr);
    if (run.status !== 0 || match?.[1] === undefined) throw new Error(`callgrind of ${label} failed: ${run.stderr.slice(-500)}`);
    return Number(match[1]);
  };
  return (total(large) - total(small)) / (large - small);
}

export function describeFigures(figures: readonly PathFigure[]): string {
  const header = [
    'path (end to end)',
    'CPU us/request',
    'rounds (us)',
    'requests/s',
    ...(figures[0]?.instructionsPerRequest ? ['instructions/request'] : []),
  ];
  const rows = figures.map((f) => [
    f.label,
    f.cpuUsPerRequest.toFixed(0),
    f.rounds.map((r) => r.toFixed(0)).join(' '),
    int(f.requestsPerSecond),
    ...(f.instructionsPerRequest === undefined ? [] : [int(f.instructionsPerRequest)]),
  ]);
  return table(header, rows);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      requests: { type: 'string', default: '10000' },
      rounds: { type: 'string', default: '5' },
      instructions: { type: 'boolean', default: false },
      one: { type: 'string' },
      url: { type: 'string' },
      list: { type: 'string' },
    },
  });
  const requests = Number(values.requests);
  if (values.one !== undefined && values.url !== undefined) {
    // One path, one pass (under callgrind): no warm-up, no output.
    const urls = (await lineItemUrls(values.url, Number(values.list ?? requests))).slice(0, requests);
    const path = openPath(values.one, values.url);
    path.prepare?.(urls);
    await measure(path.get, urls);
    await path.close();
    return;
  }
  const figures = await runHttpMicro({ requests, rounds: Number(values.rounds), instructions: values.instructions === true });
  process.stdout.write(`${describeFigures(figures)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
