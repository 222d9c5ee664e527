/**
 * The sandbox in the bench process (for its stats: requests, served429, maxInFlight), plus the arrival time
 * of every request. The arrival times come from a `request` listener on the sandbox's HTTP server: the
 * handle does not expose the server, so `http.createServer` is wrapped (and the ESM bindings synced) to
 * catch it. The sandbox's quota windows start at its first request, on the same `Date.now()` clock.
 */
import http, { type Server } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../sandbox/index.js';

let lastServer: Server | null = null;
let isPatched = false;

function catchCreatedServers(): void {
  if (isPatched) return;
  isPatched = true;
  const original = http.createServer;
  (http as { createServer: typeof http.createServer }).createServer = function (this: unknown, ...args: unknown[]) {
    const server = (original as (...a: unknown[]) => Server).apply(this, args);
    lastServer = server;
    return server;
  } as typeof http.createServer;
  syncBuiltinESMExports();
}

export interface ObservedSandbox {
  handle: SandboxHandle;
  /** `Date.now()` at each request's arrival, in order. */
  arrivals: number[];
}

export async function startObservedSandbox(options: SandboxOptions): Promise<ObservedSandbox> {
  catchCreatedServers();
  lastServer = null;
  const handle = await startSandbox(options);
  const server = lastServer as Server | null;
  const arrivals: number[] = [];
  if (server === null) throw new Error('could not observe the sandbox HTTP server');
  server.prependListener('request', () => arrivals.push(Date.now()));
  return { handle, arrivals };
}
