/** The HTTP layer's public surface: the client factory, its contract types and the errors it throws. */
export { createApiClient, type CreateApiClientOptions, type FetchLike, type FetchResponseLike, type FetchInit } from './client.js';
export * from './errors.js';
export { createRateLimiter, parseRateLimitHeaders, type RateLimiter, type RateLimitInfo } from './rate-limiter.js';
export { DEFAULT_RETRY_POLICY, backoffDelayMs, decideRetry, type RetryPolicy } from './retry-policy.js';
export type * from './types.js';
