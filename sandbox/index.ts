/**
 * A simulated BigCommerce store ("sandbox") on 127.0.0.1: the v2/v3 endpoints the tap reads, with the real
 * API's shapes, quirks, filters, rate limiting and optional faults. See `options.ts` for every knob.
 */
import { resolveOptions, type SandboxOptions, type SandboxStream } from './options.js';
import { SandboxServer, type SandboxStats } from './server.js';
import { Store } from './store.js';

export type { SandboxOptions, SandboxStream } from './options.js';
export type { SandboxStats } from './server.js';

export interface SandboxHandle {
  /** `http://127.0.0.1:PORT`: the tap's `api_url`; routes live under `/stores/{hash}/v2|v3/...`. */
  url: string;
  storeHash: string;
  accessToken: string;
  /** A matching tap config: `{store_hash, access_token, api_url, start_date}`. */
  config(): Record<string, unknown>;
  /**
   * What the store holds now, id ascending, in the tap's normalized key form: `{id, date_modified}` with
   * `YYYY-MM-DDTHH:MM:SSZ` (coupons have no date_modified: just `{id}`).
   */
  snapshot(stream: SandboxStream): Array<{ id: number; date_modified?: string }>;
  stats(): SandboxStats;
  close(): Promise<void>;
}

/** Generates the store from the seed and starts serving it. */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const resolved = resolveOptions(options);
  const store = new Store(resolved, '');
  const server = new SandboxServer(resolved, store);
  const port = await server.listen(resolved.port);
  const url = `http://127.0.0.1:${port}`;
  store.ctx.storeBaseUrl = `${url}/stores/${resolved.storeHash}`;
  let closed: Promise<void> | null = null;
  return {
    url,
    storeHash: resolved.storeHash,
    accessToken: resolved.accessToken,
    config: () => ({
      store_hash: resolved.storeHash,
      access_token: resolved.accessToken,
      api_url: url,
      start_date: '2015-01-01T00:00:00Z',
    }),
    snapshot: (stream) => store.snapshot(stream),
    stats: () => server.snapshotStats(),
    close: () => (closed ??= server.close()),
  };
}
