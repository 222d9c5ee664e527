/** The HTTP layer's public surface: the client factory, its contract types and the errors it throws. */
export { BigCommerceClient, type CreateApiClientOptions, createApiClient } from './client.js';
export * from './errors.js';
export { createRateLimiter, parseRateLimitHeaders, type RateLimiter, type RateLimitInfo, StoreRateLimiter } from './rate-limiter.js';
export { METRICS_INTERVAL_MS, RequestMetrics } from './request-metrics.js';
export { backoffDelayMs, DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from './retry-policy.js';
export { createHttpTransport, type HttpResponse, type HttpTransport, type PendingRequest, type SendRequest } from './transport.js';
export type * from './types.js';
