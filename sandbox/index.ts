/**
 * A simulated BigCommerce store ("sandbox") on 127.0.0.1: the v2/v3 endpoints of every registered stream, with
 * the real API's shapes, quirks, filters, rate limiting and optional faults. See `options.ts` for every knob and
 * `streams/spec.ts` for what a stream's sandbox spec declares.
 */
import { Mutations } from './mutations.js';
import { resolveOptions, type SandboxOptions, type SandboxStream } from './options.js';
import { RouteTable } from './router.js';
import { SandboxServer, type SandboxStats } from './server.js';
import { type SnapshotRecord, snapshot } from './snapshot.js';
import { Store } from './store.js';

export type { LiveChanges, SandboxOptions, SandboxStream } from './options.js';
export { pairStreams, registeredStreams, SandboxSpecError, type ServedStream } from './served.js';
export type { SandboxStats } from './server.js';
export type { SnapshotRecord } from './snapshot.js';

export interface SandboxHandle {
  /** `http://127.0.0.1:PORT`: the tap's `api_url`; routes live under `/stores/{hash}/v2|v3/...`. */
  url: string;
  storeHash: string;
  accessToken: string;
  /** A matching tap config: `{store_hash, access_token, api_url, start_date}`. */
  config(): Record<string, unknown>;
  /**
   * What the store holds now in one stream, id ascending, in the tap's normalized key form: `{id, date_modified}`
   * with `YYYY-MM-DDTHH:MM:SSZ` (streams without a date_modified, like coupons: just `{id}`; the one object of
   * `store`: its text id, the store hash). Deleted records
   * are gone; archived ones (orders) carry `is_deleted: true`. Throws a RangeError for a stream not served.
   */
  snapshot(stream: SandboxStream): SnapshotRecord[];
  /**
   * Deletes records of any stream by id (they vanish from lists, counts and snapshots; single routes 404). A
   * single object (`store`) can't be deleted.
   */
  deleteRecords(stream: SandboxStream, ids: ReadonlyArray<number | string>): void;
  /**
   * Archives orders (`is_deleted: true`, hidden from `GET /v2/orders` unless `is_deleted=true` is passed).
   * `touch` (default: the `archiveTouchesRecord` option) also sets their date_modified to now.
   */
  archiveOrders(ids: readonly number[], options?: { touch?: boolean }): void;
  /**
   * Edits a product variant (its price, stock...) as the control panel or `PUT /v3/catalog/variants` does: the
   * change shows in `GET /v3/catalog/variants` and in its product's `variants` include, but the product's
   * date_modified stays as it was (BigCommerce doesn't move it), so an incremental products sync doesn't see it.
   * Throws a RangeError naming an unknown variant or a field it doesn't have or can't change (`id`,
   * `product_id`...).
   */
  editVariant(variantId: number, changes: Record<string, unknown>): void;
  stats(): SandboxStats;
  close(): Promise<void>;
}

/** Generates the store from the seed and starts serving it. */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const resolved = resolveOptions(options);
  const store = new Store(resolved, resolved.streams, '');
  const mutations = new Mutations(store, resolved);
  const server = new SandboxServer(resolved, store, new RouteTable(resolved.streams), () => mutations.afterListRequest());
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
    snapshot: (stream) => snapshot(store, stream),
    deleteRecords: (stream, ids) => mutations.deleteRecords(stream, ids),
    archiveOrders: (ids, archive = {}) => mutations.archive('orders', ids, archive.touch ?? resolved.archiveTouchesRecord),
    editVariant: (variantId, changes) => mutations.editChild('product_variants', variantId, changes),
    stats: () => server.snapshotStats(),
    close: () => (closed ??= server.close()),
  };
}
