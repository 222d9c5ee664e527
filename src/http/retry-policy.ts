import { type AttemptFailure, HttpError, NetworkError, RateLimitedError, RequestTimeoutError } from './errors.js';

/** How failed attempts are retried: plain data, so tests and config can set it. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  retriableStatuses: readonly number[];
  /** Added to a server-announced wait (reset or `X-Retry-After`), for clock rounding. */
  rateLimitMarginMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  retriableStatuses: [429, 500, 502, 503, 504],
  rateLimitMarginMs: 100,
};

export type RetryDecision = { shouldRetry: false } | { shouldRetry: true; delayMs: number };

/**
 * Decides whether to retry after `failure`, which ended attempt number `retriesSoFar + 1`. A server-announced
 * wait beats computed backoff; anything that is not a known retriable failure (a bug, a 4xx) is never retried.
 */
export function decideRetry(policy: RetryPolicy, failure: unknown, retriesSoFar: number, random: () => number): RetryDecision {
  if (retriesSoFar >= policy.maxRetries || !isRetriable(policy, failure)) return { shouldRetry: false };
  if (failure instanceof RateLimitedError && failure.resetMs !== undefined) {
    return { shouldRetry: true, delayMs: failure.resetMs + policy.rateLimitMarginMs };
  }
  return { shouldRetry: true, delayMs: backoffDelayMs(policy, retriesSoFar, random) };
}

/** Exponential backoff with full jitter: uniform in `[0, min(max, base × 2^retry))`. */
export function backoffDelayMs(policy: RetryPolicy, retryIndex: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

export function isRetriable(policy: RetryPolicy, failure: unknown): failure is AttemptFailure {
  if (failure instanceof HttpError) return failure.isRetriable || policy.retriableStatuses.includes(failure.status);
  if (failure instanceof RequestTimeoutError) return true;
  if (failure instanceof NetworkError) return failure.isRetriable;
  return false;
}
