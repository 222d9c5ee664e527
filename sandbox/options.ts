/** Sandbox options: the public shape and the defaults, resolved once at start. */

export type SandboxStream = 'coupons' | 'customers' | 'orders' | 'products';
export const SANDBOX_STREAMS: readonly SandboxStream[] = ['coupons', 'customers', 'orders', 'products'];

export interface SandboxOptions {
  /** Seed for all generated data and injected faults. Default 42. */
  seed?: number;
  /** Record counts per stream. Defaults: coupons 60, customers 300, orders 400, products 300. */
  sizes?: { coupons?: number; customers?: number; orders?: number; products?: number };
  /** Default `sandbox1`. */
  storeHash?: string;
  /** Default `sandbox-token`. */
  accessToken?: string;
  /** Granted OAuth scope ids. Default: the four read-only resource scopes plus Information & Settings. */
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
  /**
   * Every `everyRequests` list requests, in each of customers, orders and products: `modify` existing records
   * (date_modified = now, so they move to the end of a date_modified sort) and `create` new ones. Default null.
   */
  liveChanges?: { everyRequests: number; modify: number; create: number } | null;
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
}

export const READ_ONLY_SCOPES = [
  'store_v2_marketing_read_only',
  'store_v2_customers_read_only',
  'store_v2_orders_read_only',
  'store_v2_products_read_only',
  'store_v2_information_read_only',
] as const;

export interface ResolvedOptions {
  seed: number;
  sizes: Record<SandboxStream, number>;
  storeHash: string;
  accessToken: string;
  scopes: ReadonlySet<string>;
  port: number;
  quota: { requests: number; windowMs: number } | null;
  latencyMs: number;
  errorRate: number;
  resetRate: number;
  liveChanges: { everyRequests: number; modify: number; create: number } | null;
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

function resolveClock(clock: SandboxOptions['clock']): ResolvedOptions['clock'] {
  const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  if (clock === undefined) return { now: () => Date.now(), sleep: realSleep };
  return { now: () => clock.now(), sleep: clock.sleep ? (ms) => clock.sleep!(ms) : realSleep };
}

/** Applies the defaults and checks ranges; throws a RangeError naming the bad option. */
export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const sizes = options.sizes ?? {};
  const quota = options.quota === undefined ? { requests: 1000, windowMs: 30_000 } : options.quota;
  if (quota !== null && (!(quota.requests >= 1) || !(quota.windowMs >= 1))) {
    throw new RangeError('sandbox option quota needs requests >= 1 and windowMs >= 1');
  }
  const live = options.liveChanges ?? null;
  if (live !== null && !(live.everyRequests >= 1)) throw new RangeError('sandbox option liveChanges.everyRequests must be >= 1');
  return {
    seed: options.seed ?? 42,
    sizes: {
      coupons: nonNegativeInt(sizes.coupons, 60, 'sizes.coupons'),
      customers: nonNegativeInt(sizes.customers, 300, 'sizes.customers'),
      orders: nonNegativeInt(sizes.orders, 400, 'sizes.orders'),
      products: nonNegativeInt(sizes.products, 300, 'sizes.products'),
    },
    storeHash: options.storeHash ?? 'sandbox1',
    accessToken: options.accessToken ?? 'sandbox-token',
    scopes: new Set(options.scopes ?? READ_ONLY_SCOPES),
    port: options.port ?? 0,
    quota,
    latencyMs: nonNegativeInt(options.latencyMs, 0, 'latencyMs'),
    errorRate: fraction(options.errorRate, 'errorRate'),
    resetRate: fraction(options.resetRate, 'resetRate'),
    liveChanges: live,
    minInclusive: options.minInclusive ?? true,
    tieOrder: options.tieOrder ?? 'id',
    oversizeLimit: options.oversizeLimit ?? 'reject',
    unauthorizedBody: options.unauthorizedBody ?? 'object',
    clock: resolveClock(options.clock),
    lazy: options.lazy ?? false,
  };
}
