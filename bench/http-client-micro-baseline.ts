/**
 * BASELINE, kept unchanged as of issue 14's start (only this comment differs): CPU cost per request of the HTTP
 * layer the tap used then (node-fetch with an AbortController and a timer per attempt, as src/http/client.ts
 * did) against plain `http.request` on a keep-alive agent, both with 8 requests in flight, against the sandbox
 * (own process) serving order line items. `npm run bench` re-runs it beside `bench/http-client-micro.ts`.
 * `npm run build && node dist/bench/http-client-micro-baseline.js [requests=20000]`.
 */
import http from 'node:http';
import nodeFetch from 'node-fetch';
import { startSandboxProcess } from './lib/processes.js';

const requests = Number(process.argv[2] ?? 20_000);
const concurrency = 8;
const headers = { 'X-Auth-Token': 'sandbox-token', Accept: 'application/json', 'User-Agent': 'bench' };

type Get = (url: string) => Promise<{ status: number; body: string; date: string | null }>;

function viaNodeFetch(): Get {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  return async (url) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 300_000);
    try {
      const response = await nodeFetch(url, { method: 'GET', headers, signal: controller.signal as never, redirect: 'manual', agent });
      const body = await response.text();
      return { status: response.status, body, date: response.headers.get('date') };
    } finally {
      clearTimeout(timer);
    }
  };
}

function viaHttpRequest(): Get {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  return (url) =>
    new Promise((resolve, reject) => {
      const request = http.get(url, { headers, agent, timeout: 300_000 }, (response) => {
        response.setEncoding('utf8');
        let body = '';
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, date: (response.headers.date as string | undefined) ?? null }),
        );
        response.on('error', reject);
      });
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', reject);
    });
}

async function measure(label: string, get: Get, urls: readonly string[]): Promise<void> {
  let next = 0;
  let bytes = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < urls.length; i = next++) {
        const { status, body } = await get(urls[i] ?? '');
        if (status !== 200 && status !== 204) throw new Error(`${urls[i]} -> ${status}`);
        bytes += body.length;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuUs = cpu.user + cpu.system;
  console.log(
    `${label.padEnd(34)} ${Math.round(urls.length / seconds)
      .toLocaleString('en-US')
      .padStart(7)} req/s, client CPU ${(cpuUs / urls.length).toFixed(0).padStart(4)} us/request (${(bytes / 2 ** 20).toFixed(0)} MB)`,
  );
}

const sandbox = await startSandboxProcess({ orders: requests, customers: 0, products: 0, coupons: 0 }, ['--unlimited']);
try {
  // Order ids are not contiguous: list them first.
  const ids: number[] = [];
  for (let minId = 0; ids.length < requests; ) {
    const page = await viaHttpRequest()(`${sandbox.url}/stores/sandbox1/v2/orders?sort=id:asc&limit=250&min_id=${minId}`);
    if (page.status !== 200) break;
    const orders = JSON.parse(page.body) as Array<{ id: number }>;
    for (const order of orders) if (order.id >= minId) ids.push(order.id);
    minId = (orders[orders.length - 1]?.id ?? minId) + 1;
  }
  const urls = ids.slice(0, requests).map((id) => `${sandbox.url}/stores/sandbox1/v2/orders/${id}/products?page=1&limit=250`);
  for (let round = 0; round < 2; round++) {
    await measure('node-fetch + AbortController/timer', viaNodeFetch(), urls);
    await measure('http.request (keep-alive, utf8)', viaHttpRequest(), urls);
  }
} finally {
  await sandbox.stop();
}
