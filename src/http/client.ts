import http from 'node:http';
import https from 'node:https';
import nodeFetch from 'node-fetch';
import { TapError } from '../errors.js';
import { redact } from '../logger.js';
import { HttpError, InvalidResponseError, NetworkError, RateLimitedError, RequestTimeoutError, RetriesExhaustedError } from './errors.js';
import {
  type AttemptOutcome,
  createRateLimiter,
  type HeaderReader,
  parseRateLimitHeaders,
  parseRetryAfterMs,
  type RateLimiter,
} from './rate-limiter.js';
import { parseSuccessBody } from './response-body.js';
import { DEFAULT_RETRY_POLICY, decideRetry, isRetriable, type RetryPolicy } from './retry-policy.js';
import { createSemaphore } from './semaphore.js';
import { createStatusError, statusLine } from './status-errors.js';
import { translateTransportError } from './transport-errors.js';
import type { ApiClient, ApiClientOptions, ApiPage, ApiRequest, ApiStats } from './types.js';
import { buildUrl, displayTarget, encodeQuery } from './url.js';

/** The part of a fetch response the client reads. node-fetch's Response fits. */
export interface FetchResponseLike {
  status: number;
  headers: HeaderReader;
  text(): Promise<string>;
}

export interface FetchInit {
  method: 'GET';
  headers: Record<string, string>;
  signal: AbortSignal;
  redirect: 'manual';
  agent?: http.Agent;
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

export interface CreateApiClientOptions extends ApiClientOptions {
  /** HTTP implementation; node-fetch by default. */
  fetch?: FetchLike;
  /** Overrides of the retry policy; `maxRetries` comes from the options. */
  retryPolicy?: Partial<RetryPolicy>;
  /** Share a limiter across clients of the same store; one is created otherwise. */
  rateLimiter?: RateLimiter;
  /** Starts the per-attempt timeout; returns a cancel function. Real timers by default. */
  startTimer?: (ms: number, onTimeout: () => void) => () => void;
}

const defaultTimer = (ms: number, onTimeout: () => void) => {
  const handle = setTimeout(onTimeout, ms);
  return () => clearTimeout(handle);
};

/**
 * The BigCommerce API client: builds every URL from `api_url`, authenticates, keeps at most `maxConcurrency`
 * requests in flight under one shared rate limiter, retries what can succeed later, and throws typed errors.
 */
export function createApiClient(options: CreateApiClientOptions): ApiClient {
  const { clock, logger } = options;
  const secrets = [options.accessToken].filter((s) => s.length > 0);
  const random = options.random ?? Math.random;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy, maxRetries: options.maxRetries };
  const limiter = options.rateLimiter ?? createRateLimiter({ clock });
  const maxConcurrency = Math.max(1, Math.floor(options.maxConcurrency));
  const semaphore = createSemaphore(maxConcurrency);
  const startTimer = options.startTimer ?? defaultTimer;
  const isHttps = options.apiUrl.trim().toLowerCase().startsWith('https:');
  const agent = isHttps
    ? new https.Agent({ keepAlive: true, maxSockets: maxConcurrency })
    : new http.Agent({ keepAlive: true, maxSockets: maxConcurrency });
  const fetchImpl: FetchLike = options.fetch ?? (nodeFetch as unknown as FetchLike);
  const headers = {
    'X-Auth-Token': options.accessToken,
    Accept: 'application/json',
    'User-Agent': options.userAgent,
  };
  const stats: ApiStats = { requests: 0, retries: 0, rateLimited: 0, byStream: {} };
  const streamStats = (stream: string) => (stats.byStream[stream] ??= { requests: 0, retries: 0, rateLimited: 0 });

  async function attempt(request: ApiRequest, url: string, target: string): Promise<ApiPage> {
    const method = 'GET';
    const path = `/${request.apiVersion}${request.path}`;
    const endpoint = request.endpoint ?? request.stream;
    await semaphore.acquire();
    try {
      await limiter.acquire();
      const startedMs = clock.now();
      let isLimiterReleased = false;
      const releaseLimiter = (outcome: AttemptOutcome) => {
        if (isLimiterReleased) return;
        isLimiterReleased = true;
        limiter.release(outcome);
      };
      let status: number | null = null;
      let isSuccess = false;
      stats.requests += 1;
      streamStats(request.stream).requests += 1;
      try {
        const controller = new AbortController();
        let isTimedOut = false;
        const cancelTimer = startTimer(options.requestTimeoutMs, () => {
          isTimedOut = true;
          controller.abort();
        });
        let response: FetchResponseLike;
        let bodyText: string;
        try {
          const init: FetchInit = { method, headers, signal: controller.signal, redirect: 'manual', agent };
          response = await fetchImpl(url, init);
          bodyText = await response.text();
        } catch (error) {
          throw translateTransportError(error, { method, path, isTimedOut, timeoutMs: options.requestTimeoutMs, secrets });
        } finally {
          cancelTimer();
        }
        status = response.status;
        const info = parseRateLimitHeaders(response.headers);
        const resetMs = status === 429 ? (info?.resetMs ?? parseRetryAfterMs(response.headers)) : undefined;
        // Tell the limiter about a 429 before the slot is freed, so no waiting request slips out meanwhile.
        if (status === 429) limiter.noteRateLimited(resetMs);
        releaseLimiter({ hasResponse: true, status, info });
        logRequest(target, status, clock.now() - startedMs, info?.requestsLeft);

        if (status === 429) {
          stats.rateLimited += 1;
          streamStats(request.stream).rateLimited += 1;
          throw createStatusError(errorInput(request, path, target, status, bodyText, resetMs));
        }
        if (status < 200 || status >= 300) throw createStatusError(errorInput(request, path, target, status, bodyText));
        const page = parseSuccessBody({ apiVersion: request.apiVersion, status, bodyText, method, path, secrets });
        const serverTimeMs = parseDate(response.headers.get('date'));
        isSuccess = true;
        return serverTimeMs === undefined ? page : { ...page, serverTimeMs };
      } finally {
        releaseLimiter({ hasResponse: false });
        logger.metric({
          type: 'timer',
          metric: 'http_request_duration',
          value: (clock.now() - startedMs) / 1000,
          tags: { endpoint, http_status_code: status, status: isSuccess ? 'succeeded' : 'failed' },
        });
      }
    } finally {
      semaphore.release();
    }
  }

  function errorInput(request: ApiRequest, path: string, target: string, status: number, bodyText: string, resetMs?: number) {
    return {
      status,
      method: 'GET',
      path,
      target,
      bodyText,
      stream: request.stream,
      storeHash: options.storeHash,
      scopes: options.scopes,
      secrets,
      retriableStatuses: policy.retriableStatuses,
      resetMs,
    };
  }

  function logRequest(target: string, status: number, elapsedMs: number, requestsLeft: number | undefined) {
    if (!logger.isLevelEnabled('debug')) return;
    const left = requestsLeft === undefined ? '' : ` (requests left: ${requestsLeft})`;
    logger.debug(redact(`GET ${target} -> ${status} in ${elapsedMs} ms${left}`, secrets));
  }

  async function get(request: ApiRequest): Promise<ApiPage> {
    const queryString = encodeQuery(request.query);
    const url = buildUrl(options.apiUrl, options.storeHash, request.apiVersion, request.path, queryString);
    const target = redact(displayTarget(request.apiVersion, request.path, queryString), secrets);
    let retries = 0;
    for (;;) {
      try {
        return await attempt(request, url, target);
      } catch (error) {
        const decision = decideRetry(policy, error, retries, random);
        if (!decision.shouldRetry) {
          if (isRetriable(policy, error)) throw exhausted(request, retries + 1, error);
          throw error;
        }
        retries += 1;
        stats.retries += 1;
        streamStats(request.stream).retries += 1;
        const message = error instanceof Error ? error.message : String(error);
        logger.warn(redact(`${message} Retry ${retries} of ${policy.maxRetries} in ${(decision.delayMs / 1000).toFixed(1)} s.`, secrets));
        if (error instanceof TapError && error.details !== undefined) logger.debug(redact(error.details, secrets));
        await clock.sleep(decision.delayMs);
      }
    }
  }

  function exhausted(request: ApiRequest, attempts: number, last: unknown): RetriesExhaustedError {
    const path = redact(`/${request.apiVersion}${request.path}`, secrets);
    const lastStatus = last instanceof HttpError ? last.status : undefined;
    const message =
      `GET ${path} failed after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}; the last one ${describeFailure(last)}. ` +
      `BigCommerce may be overloaded or down (status.bigcommerce.com): try again later or raise max_retries.`;
    const details =
      last instanceof Error
        ? redact(`${last.message}${last instanceof HttpError && last.details ? ` ${last.details}` : ''}`, secrets)
        : undefined;
    return new RetriesExhaustedError(redact(message, secrets), {
      method: 'GET',
      path,
      attempts,
      lastStatus,
      cause: last,
      ...(details === undefined ? {} : { details }),
    });
  }

  function describeFailure(error: unknown): string {
    if (error instanceof InvalidResponseError) return `returned ${statusLine(error.status)} with an unreadable body`;
    if (error instanceof RateLimitedError) return `returned ${statusLine(error.status)} (rate limited)`;
    if (error instanceof HttpError) return `returned ${statusLine(error.status)}`;
    if (error instanceof RequestTimeoutError) return `timed out after ${options.requestTimeoutMs} ms`;
    if (error instanceof NetworkError) return `failed with connection error ${error.code ?? 'unknown'}`;
    return 'failed';
  }

  return {
    get,
    stats: () => ({
      requests: stats.requests,
      retries: stats.retries,
      rateLimited: stats.rateLimited,
      byStream: Object.fromEntries(Object.entries(stats.byStream).map(([name, s]) => [name, { ...s }])),
    }),
    close: () => agent.destroy(),
  };
}

function parseDate(value: string | null): number | undefined {
  if (value === null) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
