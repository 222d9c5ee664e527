import { createFakeClock } from '../../src/clock.js';
import { type CreateApiClientOptions, createApiClient } from '../../src/http/client.js';
import type { ApiClient, ScopeInfo } from '../../src/http/types.js';
import { createMemoryLogger } from '../../src/logger.js';

export const TOKEN = 'tok_s3cr3t_9f8e7d6c5b4a';
export const API_URL = 'https://api.bigcommerce.test';
export const STORE = 'abc123';
/** Where nock intercepts: `nock(API_URL).get(`${BASE}/v2/orders`)`. */
export const BASE = `/stores/${STORE}`;

export const SCOPES: Record<string, ScopeInfo> = {
  orders: { label: 'Orders', id: 'store_v2_orders_read_only' },
  products: { label: 'Products', id: 'store_v2_products_read_only' },
  customers: { label: 'Customers', id: 'store_v2_customers_read_only' },
  coupons: { label: 'Marketing', id: 'store_v2_marketing_read_only' },
};

/** Rate-limit headers as BigCommerce sends them. */
export function rateHeaders(left: number, quota = 150, resetMs = 15_000, windowMs = 30_000): Record<string, string> {
  return {
    'X-Rate-Limit-Requests-Left': String(left),
    'X-Rate-Limit-Requests-Quota': String(quota),
    'X-Rate-Limit-Time-Reset-Ms': String(resetMs),
    'X-Rate-Limit-Time-Window-Ms': String(windowMs),
  };
}

export const JSON_HEADERS = { 'Content-Type': 'application/json' };

export function setup(overrides: Partial<CreateApiClientOptions> = {}): {
  client: ApiClient;
  clock: ReturnType<typeof createFakeClock>;
  logger: ReturnType<typeof createMemoryLogger>;
} {
  const clock = createFakeClock();
  const logger = createMemoryLogger('debug');
  const client = createApiClient({
    apiUrl: API_URL,
    storeHash: STORE,
    accessToken: TOKEN,
    userAgent: 'tap-bigcommerce/test',
    requestTimeoutMs: 300_000,
    maxRetries: 5,
    maxConcurrency: 1,
    clock,
    logger,
    scopes: SCOPES,
    random: () => 0.5,
    ...overrides,
  });
  return { client, clock, logger };
}

/** nock hygiene shared by every file: no real network, and every interceptor must have been used. */
export function assertAllInterceptorsUsed(nockModule: { isDone(): boolean; pendingMocks(): string[]; cleanAll(): void }): void {
  const pending = nockModule.pendingMocks();
  nockModule.cleanAll();
  if (pending.length > 0) throw new Error(`unused interceptors: ${pending.join(', ')}`);
}
