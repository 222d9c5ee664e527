import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector } from './faults.js';
import type { ResolvedOptions } from './options.js';
import { FixedWindowLimiter } from './rate-limit.js';
import { htmlServerError, json, notFound, type Reply, scopeError, tooManyRequests, unauthorized, v2Error, v3Error } from './responses.js';
import { type RouteTable, scopeGrants } from './router.js';
import type { Store } from './store.js';

export interface SandboxStats {
  requests: number;
  served429: number;
  byRoute: Record<string, number>;
  maxInFlight: number;
  /** Requests counted against the quota in each window in which one arrived, oldest first (empty without a quota). */
  usedPerWindow: number[];
}

const STORE_PATH = /^\/stores\/([^/]+)\/(v2|v3)(\/.*)?$/;

/**
 * The HTTP front of the sandbox, in the order the real gateway seems to apply things: connection faults,
 * latency, store hash (403), token (401), quota (429), injected 5xx, route (404), Accept (406), scope (403),
 * handler.
 */
export class SandboxServer {
  readonly stats: Omit<SandboxStats, 'usedPerWindow'> = { requests: 0, served429: 0, byRoute: {}, maxInFlight: 0 };
  private readonly server: Server;
  private readonly limiter: FixedWindowLimiter | null;
  private readonly faults: FaultInjector;
  private inFlight = 0;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly store: Store,
    private readonly routes: RouteTable,
    /** Called after each list request is answered (live changes count them). */
    private readonly afterListRequest: () => void,
  ) {
    this.limiter = options.quota === null ? null : new FixedWindowLimiter(options.quota, () => options.clock.now());
    this.faults = new FaultInjector(options.seed, options.errorRate, options.resetRate);
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5_000;
  }

  /** Listens on 127.0.0.1 and resolves with the bound port. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** A copy of the counters. */
  snapshotStats(): SandboxStats {
    return { ...this.stats, byRoute: { ...this.stats.byRoute }, usedPerWindow: [...(this.limiter?.usedPerWindow ?? [])] };
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.stats.requests++;
    this.inFlight++;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.inFlight);
    let done = false;
    const finish = (): void => {
      if (!done) {
        done = true;
        this.inFlight--;
      }
    };
    res.on('close', finish);
    res.on('finish', finish);
    if (this.faults.drawReset()) {
      req.socket.destroy();
      finish();
      return;
    }
    if (this.options.latencyMs > 0) await this.options.clock.sleep(this.options.latencyMs);
    if (res.destroyed) return;
    let rateHeaders: Record<string, string> = {};
    let reply: Reply;
    try {
      reply = this.respond(req, (headers) => (rateHeaders = headers));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reply = json(500, {
        status: 500,
        title: `Sandbox internal error: ${message}`,
        type: '/api-docs/getting-started/api-status-codes',
        errors: {},
      });
    }
    if (reply.status === 429) this.stats.served429++;
    if (this.limiter !== null && Object.keys(rateHeaders).length === 0) rateHeaders = this.limiter.peek();
    const headers: Record<string, string | number> = {
      ...rateHeaders,
      ...reply.headers,
      Date: new Date(this.options.clock.now()).toUTCString(),
    };
    if (reply.contentType !== undefined) headers['Content-Type'] = reply.contentType;
    if (reply.status !== 204) headers['Content-Length'] = Buffer.byteLength(reply.body);
    res.writeHead(reply.status, headers);
    res.end(reply.status === 204 ? undefined : reply.body);
  }

  private respond(req: IncomingMessage, setRateHeaders: (headers: Record<string, string>) => void): Reply {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const storeMatch = STORE_PATH.exec(url.pathname);
    if (storeMatch === null) {
      this.count('unmatched');
      return notFound('other');
    }
    const [, hash, versionRaw, rest] = storeMatch;
    const version = versionRaw === 'v2' ? 'v2' : 'v3';
    const matched = this.routes.match(version, rest ?? '/');
    this.count(matched?.route.key ?? 'unmatched');
    if (hash !== this.options.storeHash) return scopeError();
    const token = req.headers['x-auth-token'];
    if (token !== this.options.accessToken) return unauthorized(this.options.unauthorizedBody);
    if (this.limiter !== null) {
      const decision = this.limiter.take();
      setRateHeaders(decision.headers);
      if (!decision.allowed) return tooManyRequests();
    }
    const errorStatus = this.faults.drawError();
    if (errorStatus !== null) return htmlServerError(errorStatus);
    if (matched === null) return notFound(version);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return version === 'v2' ? v2Error(405, 'The requested method is not supported.') : v3Error(405, 'Method not allowed.');
    }
    const accept = req.headers.accept;
    if (accept !== undefined && !/json|\*\/\*|application\/\*/i.test(accept)) {
      return version === 'v2' ? v2Error(406, 'The requested content type is not acceptable.') : v3Error(406, 'Not Acceptable');
    }
    if (!scopeGrants(matched.route.resource, this.options.scopes)) return scopeError();
    const { route, id, subId } = matched;
    const reply = route.handler({ store: this.store, options: this.options, query: url.searchParams, id, subId });
    if (route.isList) this.afterListRequest();
    return reply;
  }

  private count(key: string): void {
    this.stats.byRoute[key] = (this.stats.byRoute[key] ?? 0) + 1;
  }
}
