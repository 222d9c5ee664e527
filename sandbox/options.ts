/** Sandbox options: the public shape and the defaults, resolved once at start. */
import { registeredStreams, type ServedStream } from './served.js';
import { scopeIdOf } from './streams/spec.js';

/** A stream name: every registered stream (`STREAMS`) is served. */
export type SandboxStream = string;

/**
 * Every `everyRequests` list requests: in each live collection (incremental streams) `modify` existing records
 * (date_modified = now, so they move to the end of a date_modified sort) and `create` new ones; in every
 * collection `delete` records; in archivable ones (orders) `archive` records.
 */
export interface LiveChanges {
  everyRequests: number;
  modify: number;
  create: number;
  delete?: number;
  archive?: number;
}

export interface SandboxOptions {
  /** Seed for all generated data and injected faults. Default 42. */
  seed?: number;
  /**
   * Record counts of collection streams (per-parent and derived ones follow their parent). Defaults: each
   * spec's `defaultSize` (coupons 60, customers 300, orders 400, products 300).
   */
  sizes?: Record<string, number>;
  /** Default `sandbox1`. */
  storeHash?: string;
  /** Default `sandbox-token`. */
  accessToken?: string;
  /** Granted OAuth scope ids. Default: the read-only scope of every served stream's resource plus Information & Settings. */
  scopes?: string[];
  /** Default 0 (a free port). The host is always 127.0.0.1. */
  port?: number;
  /** Fixed-window request quota. Default `{requests: 1000, windowMs: 30000}`; `null` = unlimited, no headers. */
  quota?: { requests: number; windowMs: number } | null;
  /** Delay added to every response. Default 0. */
  latencyMs?: number;
  /** Fraction of requests answered with a random 500/502/503/504 and an HTML body. Default 0. */
  errorRate?: number;
  /** Fraction of requests whose socket is destroyed without a response. Default 0. */
  resetRate?: number;
  /** Records changed while a sync runs (see `LiveChanges`). Default null. */
  liveChanges?: LiveChanges | null;
  /** Whether a live archive sets the order's date_modified to now (unknown on the real API). Default true. */
  archiveTouchesRecord?: boolean;
  /** `:min` / `min_` date filters mean >= (true, default) or > (false). */
  minInclusive?: boolean;
  /** Order of records sharing one date_modified second in date_modified sorts. Default `id`. */
  tieOrder?: 'id' | 'reverse' | 'shuffled';
  /** `limit` > 250: 413 (`reject`, default) or silently capped to 250 (`cap`). */
  oversizeLimit?: 'reject' | 'cap';
  /** The 401 body: the gateway JSON object (default) or an empty body. */
  unauthorizedBody?: 'object' | 'empty';
  /**
   * Store clock (epoch ms). Default `Date.now`. Data timestamps are relative to it at start. Its `sleep`, when
   * given, waits out `latencyMs` (tests pass a fake clock); otherwise a real timer does.
   */
  clock?: { now(): number; sleep?(ms: number): Promise<void> };
  /** Never cache record bodies (regenerate them from the seed on every request): for 100k+ stores. */
  lazy?: boolean;
  /** Order include traps (`GET /v2/orders?include=consignments.line_items,fees`); see `OrderIncludeTraps`. */
  emptyLineItemsRate?: number;
  ignoreInclude?: boolean;
  productsDefaultLimit50?: boolean;
  lineItemsAsLinks?: boolean;
  legacyConsignmentArray?: boolean;
  /** The streams served. Default: every registered stream with its sandbox spec; tests add their own. */
  streams?: readonly ServedStream[];
}

/** The read-only scopes of every resource the streams use, plus Information & Settings (`/v2/time`). */
export function readOnlyScopes(streams: readonly ServedStream[]): string[] {
  return [...new Set([...streams.map((s) => s.spec.resource), 'information'])].map(scopeIdOf);
}

/**
 * Traps of the orders include that users of the API report (none in the docs), each off by default. They apply to
 * `GET /v2/orders` and `GET /v2/orders/{id}`, not to `/v2/orders/{id}/consignments` (a per-order fallback must be
 * able to complete an order).
 */
export interface OrderIncludeTraps {
  /** Share of orders (0-1, drawn per order id) whose consignments come back with `line_items: []`. */
  emptyLineItemsRate: number;
  /** The API ignores `include`: no `consignments` or `fees` keys at all. */
  ignoreInclude: boolean;
  /**
   * Embedded `line_items` stop at the order's first 50 lines, as `/products` does without `limit` (which it
   * always does, as the spec says: "Lists 50 order products").
   */
  productsDefaultLimit50: boolean;
  /** `line_items` are `{url, resource}` link objects even with `consignments.line_items` (the spec's oneOf allows it). */
  lineItemsAsLinks: boolean;
  /** `consignment_structure=object` is ignored: consignments come in the legacy array `[{pickups, shipping, ...}]`. */
  legacyConsignmentArray: boolean;
}

export interface ResolvedOptions extends OrderIncludeTraps {
  seed: number;
  streams: readonly ServedStream[];
  sizes: Record<string, number>;
  storeHash: string;
  accessToken: string;
  scopes: ReadonlySet<string>;
  port: number;
  quota: { requests: number; windowMs: number } | null;
  latencyMs: number;
  errorRate: number;
  resetRate: number;
  liveChanges: LiveChanges | null;
  archiveTouchesRecord: boolean;
  minInclusive: boolean;
  tieOrder: 'id' | 'reverse' | 'shuffled';
  oversizeLimit: 'reject' | 'cap';
  unauthorizedBody: 'object' | 'empty';
  clock: { now(): number; sleep(ms: number): Promise<void> };
  lazy: boolean;
}

function nonNegativeInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`sandbox option ${name} must be a non-negative integer, got ${value}`);
  return value;
}

function fraction(value: number | undefined, name: string): number {
  if (value === undefined) return 0;
  if (!(value >= 0 && value <= 1)) throw new RangeError(`sandbox option ${name} must be between 0 and 1, got ${value}`);
  return value;
}

/** Sizes of every collection stream: the spec's default unless given; a size for anything else is an error. */
function resolveSizes(given: Record<string, number>, streams: readonly ServedStream[]): Record<string, number> {
  const collections = streams.flatMap(({ spec }) => (spec.kind === 'collection' ? [spec] : []));
  for (const name of Object.keys(given)) {
    if (!collections.some((spec) => spec.stream === name)) {
      throw new RangeError(
        `sandbox option sizes.${name}: no collection stream "${name}" (sizes apply to ${collections.map((s) => s.stream).join(', ')})`,
      );
    }
  }
  return Object.fromEntries(
    collections.map((spec) => {
      const size = nonNegativeInt(given[spec.stream], spec.defaultSize, `sizes.${spec.stream}`);
      if (spec.fixedIds !== undefined && size > spec.fixedIds.length) {
        throw new RangeError(`sandbox option sizes.${spec.stream} must be at most ${spec.fixedIds.length} (a fixed list), got ${size}`);
      }
      return [spec.stream, size];
    }),
  );
}

function resolveLive(live: LiveChanges | null): LiveChanges | null {
  if (live === null) return null;
  if (!(live.everyRequests >= 1)) throw new RangeError('sandbox option liveChanges.everyRequests must be >= 1');
  for (const key of ['modify', 'create', 'delete', 'archive'] as const) nonNegativeInt(live[key], 0, `liveChanges.${key}`);
  return live;
}

function resolveClock(clock: SandboxOptions['clock']): ResolvedOptions['clock'] {
  const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  if (clock === undefined) return { now: () => Date.now(), sleep: realSleep };
  return { now: () => clock.now(), sleep: clock.sleep ? (ms) => clock.sleep!(ms) : realSleep };
}

/** Applies the defaults and checks ranges; throws a RangeError naming the bad option. */
export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const streams = options.streams ?? registeredStreams();
  const quota = options.quota === undefined ? { requests: 1000, windowMs: 30_000 } : options.quota;
  if (quota !== null && (!(quota.requests >= 1) || !(quota.windowMs >= 1))) {
    throw new RangeError('sandbox option quota needs requests >= 1 and windowMs >= 1');
  }
  return {
    seed: options.seed ?? 42,
    streams,
    sizes: resolveSizes(options.sizes ?? {}, streams),
    storeHash: options.storeHash ?? 'sandbox1',
    accessToken: options.accessToken ?? 'sandbox-token',
    scopes: new Set(options.scopes ?? readOnlyScopes(streams)),
    port: options.port ?? 0,
    quota,
    latencyMs: nonNegativeInt(options.latencyMs, 0, 'latencyMs'),
    errorRate: fraction(options.errorRate, 'errorRate'),
    resetRate: fraction(options.resetRate, 'resetRate'),
    liveChanges: resolveLive(options.liveChanges ?? null),
    archiveTouchesRecord: options.archiveTouchesRecord ?? true,
    minInclusive: options.minInclusive ?? true,
    tieOrder: options.tieOrder ?? 'id',
    oversizeLimit: options.oversizeLimit ?? 'reject',
    unauthorizedBody: options.unauthorizedBody ?? 'object',
    clock: resolveClock(options.clock),
    lazy: options.lazy ?? false,
    emptyLineItemsRate: fraction(options.emptyLineItemsRate, 'emptyLineItemsRate'),
    ignoreInclude: options.ignoreInclude ?? false,
    productsDefaultLimit50: options.productsDefaultLimit50 ?? false,
    lineItemsAsLinks: options.lineItemsAsLinks ?? false,
    legacyConsignmentArray: options.legacyConsignmentArray ?? false,
  };
}
