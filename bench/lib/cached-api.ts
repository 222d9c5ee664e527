/**
 * A recording cache in front of the sandbox, in the bench process: the first run of a tap fills it (each
 * response kept whole: status, headers, body), later runs asking the same requests are answered from memory,
 * so the tap, not the sandbox's lazy record generation, is what limits them: the "fake API with no latency"
 * the throughput figure needs. The tap's requests repeat exactly when its window is fixed (`end_date` in the
 * past: the upper end is then end_date, not the server's clock). Misses are forwarded and counted.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Cached {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface CachedApi {
  url: string;
  /** Requests answered from memory / forwarded since the last `resetCounts`. */
  counts(): { hits: number; misses: number };
  resetCounts(): void;
  /** Every cached response body of a target matching `pattern`, in the order first seen. */
  bodies(pattern: RegExp): string[];
  close(): Promise<void>;
}

export async function startCachedApi(upstreamUrl: string): Promise<CachedApi> {
  const cache = new Map<string, Cached>();
  const upstream = new http.Agent({ keepAlive: true, maxSockets: 16 });
  let hits = 0;
  let misses = 0;
  const fetchUpstream = (target: string, headers: IncomingHttpHeaders) =>
    new Promise<Cached>((resolve, reject) => {
      const { host: _host, ...forwarded } = headers;
      const request = http.get(`${upstreamUrl}${target}`, { headers: forwarded, agent: upstream }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      });
      request.on('error', reject);
    });
  const server = http.createServer((request, response) => {
    const target = request.url ?? '/';
    const cached = cache.get(target);
    const answer = (entry: Cached) => {
      const headers = { ...entry.headers, 'content-length': String(entry.body.length), connection: 'keep-alive' };
      delete headers['transfer-encoding'];
      response.writeHead(entry.status, headers);
      response.end(entry.body);
    };
    if (cached !== undefined) {
      hits++;
      answer(cached);
      return;
    }
    misses++;
    fetchUpstream(target, request.headers).then(
      (entry) => {
        if (entry.status === 200 || entry.status === 204) cache.set(target, entry);
        answer(entry);
      },
      (error: Error) => {
        response.writeHead(502);
        response.end(error.message);
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts: () => ({ hits, misses }),
    resetCounts: () => {
      hits = 0;
      misses = 0;
    },
    bodies: (pattern) => [...cache.entries()].filter(([target]) => pattern.test(target)).map(([, entry]) => entry.body.toString('utf8')),
    close: async () => {
      upstream.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
