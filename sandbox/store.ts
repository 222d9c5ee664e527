import type { Collection } from './collection.js';
import type { GenContext, JsonObject, RecordMeta } from './data/context.js';
import { couponBody } from './data/generate-coupons.js';
import { customerBody } from './data/generate-customers.js';
import { orderBody } from './data/generate-orders.js';
import { productBody } from './data/generate-products.js';
import { generateTimeline, tieKeyFunction } from './data/timeline.js';
import { isoZ } from './format.js';
import { type ResolvedOptions, SANDBOX_STREAMS, type SandboxStream } from './options.js';
import { hash32, Rng, STREAM_TAG } from './random.js';

const GENERATORS: Record<SandboxStream, (ctx: GenContext, meta: RecordMeta) => JsonObject> = {
  coupons: couponBody,
  customers: customerBody,
  orders: orderBody,
  products: productBody,
};

const LIVE_STREAMS: readonly SandboxStream[] = ['customers', 'orders', 'products'];

/**
 * The in-memory store: one compact index per stream, record bodies generated from the seed on demand
 * (memoized unless `lazy`), and the live-change machinery.
 */
export class Store {
  readonly collections: Record<SandboxStream, Collection>;
  readonly ctx: GenContext;
  private readonly initialCounts: Record<SandboxStream, number>;
  private readonly cache: Map<string, JsonObject> | null;
  private readonly liveRng: Rng;
  private listRequests = 0;

  constructor(
    private readonly options: ResolvedOptions,
    storeBaseUrl: string,
  ) {
    const nowSec = Math.floor(options.clock.now() / 1000);
    const tieKey = tieKeyFunction(options.seed, options.tieOrder);
    const build = (stream: SandboxStream): Collection => generateTimeline(stream, options.sizes[stream], options.seed, nowSec, tieKey);
    this.collections = { coupons: build('coupons'), customers: build('customers'), orders: build('orders'), products: build('products') };
    this.initialCounts = { ...options.sizes };
    this.cache = options.lazy ? null : new Map();
    this.liveRng = new Rng(hash32(options.seed, STREAM_TAG.live));
    const collections = this.collections;
    const initialCounts = this.initialCounts;
    this.ctx = {
      seed: options.seed,
      storeHash: options.storeHash,
      storeBaseUrl,
      pickId(stream, rng) {
        const n = initialCounts[stream];
        return n === 0 ? 0 : (collections[stream].ids[rng.int(0, n - 1)] ?? 0);
      },
    };
  }

  nowSec(): number {
    return Math.floor(this.options.clock.now() / 1000);
  }

  meta(stream: SandboxStream, slot: number): RecordMeta {
    const c = this.collections[stream];
    return {
      id: c.ids[slot] ?? 0,
      createdSec: c.createdSec[slot] ?? 0,
      modifiedSec: c.modifiedSec[slot] ?? 0,
      version: c.versions[slot] ?? 0,
    };
  }

  /** The full body of a record (every include present). Callers must not mutate it. */
  body(stream: SandboxStream, slot: number): JsonObject {
    const meta = this.meta(stream, slot);
    if (this.cache === null) return GENERATORS[stream](this.ctx, meta);
    const key = `${stream}:${meta.id}:${meta.version}:${meta.modifiedSec}`;
    let body = this.cache.get(key);
    if (body === undefined) {
      body = GENERATORS[stream](this.ctx, meta);
      this.cache.set(key, body);
    }
    return body;
  }

  /** Counts a list request and applies live changes every `everyRequests` of them. */
  afterListRequest(): void {
    const live = this.options.liveChanges;
    if (live === null) return;
    this.listRequests++;
    if (this.listRequests % live.everyRequests !== 0) return;
    this.applyLiveChanges(live.modify, live.create);
  }

  /** Modifies `modify` random records and creates `create` new ones in customers, orders and products. */
  applyLiveChanges(modify: number, create: number): void {
    const now = this.nowSec();
    for (const stream of LIVE_STREAMS) {
      const c = this.collections[stream];
      for (let i = 0; i < modify && c.count > 0; i++) {
        const slot = this.liveRng.int(0, c.count - 1);
        c.touch(slot, Math.max(now, c.createdSec[slot] ?? 0));
      }
      for (let i = 0; i < create; i++) c.create(c.lastId() + 1, now, now);
    }
  }

  /** What the store holds now, id ascending, in the tap's normalized key form. */
  snapshot(stream: SandboxStream): Array<{ id: number; date_modified?: string }> {
    const c = this.collections[stream];
    const out: Array<{ id: number; date_modified?: string }> = [];
    for (let slot = 0; slot < c.count; slot++) {
      const id = c.ids[slot] ?? 0;
      out.push(stream === 'coupons' ? { id } : { id, date_modified: isoZ(c.modifiedSec[slot] ?? 0) });
    }
    return out;
  }

  static readonly streams = SANDBOX_STREAMS;
}
