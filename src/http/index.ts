/** The HTTP layer's public surface: the client factory, its contract types and the errors it throws. */
export { type CreateApiClientOptions, createApiClient, type FetchInit, type FetchLike, type FetchResponseLike } from './client.js';
export * from './errors.js';
export { createRateLimiter, parseRateLimitHeaders, type RateLimiter, type RateLimitInfo } from './rate-limiter.js';
export { backoffDelayMs, DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from './retry-policy.js';
export type * from './types.js';
