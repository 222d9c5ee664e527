import { TapError } from '../errors.js';
import { redact } from '../logger.js';
import { HttpError, InvalidResponseError, NetworkError, RateLimitedError, RequestTimeoutError, RetriesExhaustedError } from './errors.js';
import { createRateLimiter, parseRateLimitHeaders, parseRetryAfterMs, type RateLimiter, type RateLimitInfo } from './rate-limiter.js';
import { RequestMetrics } from './request-metrics.js';
import { parseSuccessBody } from './response-body.js';
import { DEFAULT_RETRY_POLICY, decideRetry, isRetriable, type RetryPolicy } from './retry-policy.js';
import { createSemaphore, type Semaphore } from './semaphore.js';
import { createStatusError, type StatusErrorInput, statusLine } from './status-errors.js';
import { createHttpTransport, type HttpResponse, type SendRequest } from './transport.js';
import { translateTransportError } from './transport-errors.js';
import type { ApiClient, ApiClientOptions, ApiPage, ApiRequest, ApiStats } from './types.js';
import { displayTarget, encodeQuery, storeBaseUrl } from './url.js';

export interface CreateApiClientOptions extends ApiClientOptions {
  /** Sends one GET; Node's `http`/`https` on a keep-alive agent by default (`createHttpTransport`). */
  send?: SendRequest;
  /** Overrides of the retry policy; `maxRetries` comes from the options. */
  retryPolicy?: Partial<RetryPolicy>;
  /** Share a limiter across clients of the same store; one is created otherwise. */
  rateLimiter?: RateLimiter;
  /** Starts the per-attempt timeout; returns a cancel function. Real timers by default. */
  startTimer?: (ms: number, onTimeout: () => void) => () => void;
  /** How often aggregated request metrics are written (injected clock); 5 s by default. */
  metricsIntervalMs?: number;
}

const defaultTimer = (ms: number, onTimeout: () => void) => {
  const handle = setTimeout(onTimeout, ms);
  return () => clearTimeout(handle);
};

/** The BigCommerce API client (see `BigCommerceClient`). */
export function createApiClient(options: CreateApiClientOptions): ApiClient {
  return new BigCommerceClient(options);
}

/** What one request is, prepared once for all its attempts. */
interface Prepared {
  request: ApiRequest;
  url: string;
  /** `/v2/orders`: errors name it (no query, no host). */
  path: string;
  queryString: string;
}

/**
 * The BigCommerce API client: builds every URL from `api_url`, authenticates, keeps at most `maxConcurrency`
 * requests in flight under one shared rate limiter, retries what can succeed later, and throws typed errors.
 * The hot path does per request only what the request needs: the display target (redacted) is built only for
 * a debug line or an error, and metrics are tallied, not written, per request (`RequestMetrics`).
 */
export class BigCommerceClient implements ApiClient {
  private readonly secrets: string[];
  private readonly random: () => number;
  private readonly policy: RetryPolicy;
  private readonly limiter: RateLimiter;
  private readonly semaphore: Semaphore;
  private readonly startTimer: (ms: number, onTimeout: () => void) => () => void;
  private readonly send: SendRequest;
  private readonly closeTransport: () => void;
  private readonly baseUrl: string;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly metrics: RequestMetrics;
  private readonly totals = { requests: 0, retries: 0, rateLimited: 0 };
  private readonly byStream = new Map<string, { requests: number; retries: number; rateLimited: number }>();

  constructor(private readonly options: CreateApiClientOptions) {
    this.secrets = [options.accessToken].filter((s) => s.length > 0);
    this.random = options.random ?? Math.random;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy, maxRetries: options.maxRetries };
    this.limiter = options.rateLimiter ?? createRateLimiter({ clock: options.clock });
    const maxConcurrency = Math.max(1, Math.floor(options.maxConcurrency));
    this.semaphore = createSemaphore(maxConcurrency);
    this.startTimer = options.startTimer ?? defaultTimer;
    if (options.send) {
      this.send = options.send;
      this.closeTransport = () => undefined;
    } else {
      const transport = createHttpTransport({
        isHttps: options.apiUrl.trim().toLowerCase().startsWith('https:'),
        maxSockets: maxConcurrency,
      });
      this.send = transport.send;
      this.closeTransport = () => transport.close();
    }
    this.baseUrl = storeBaseUrl(options.apiUrl, options.storeHash);
    this.headers = { 'X-Auth-Token': options.accessToken, Accept: 'application/json', 'User-Agent': options.userAgent };
    this.metrics = new RequestMetrics(options.logger, options.clock, options.metricsIntervalMs);
  }

  /** GET with pacing, retries and typed errors. */
  async get(request: ApiRequest): Promise<ApiPage> {
    const queryString = encodeQuery(request.query);
    const path = `/${request.apiVersion}${request.path}`;
    const urlPath = request.path.startsWith('/') ? path : `/${request.apiVersion}/${request.path}`;
    const prepared: Prepared = {
      request,
      url: `${this.baseUrl}${urlPath}${queryString === '' ? '' : `?${queryString}`}`,
      path,
      queryString,
    };
    let retries = 0;
    for (;;) {
      try {
        return await this.attempt(prepared);
      } catch (error) {
        const decision = decideRetry(this.policy, error, retries, this.random);
        if (!decision.shouldRetry) {
          if (isRetriable(this.policy, error)) throw this.exhausted(request, retries + 1, error);
          throw error;
        }
        retries += 1;
        this.totals.retries += 1;
        this.streamStats(request.stream).retries += 1;
        const message = error instanceof Error ? error.message : String(error);
        const waitS = (decision.delayMs / 1000).toFixed(1);
        this.options.logger.warn(redact(`${message} Retry ${retries} of ${this.policy.maxRetries} in ${waitS} s.`, this.secrets));
        if (error instanceof TapError && error.details !== undefined) this.options.logger.debug(redact(error.details, this.secrets));
        await this.options.clock.sleep(decision.delayMs);
      }
    }
  }

  stats(): ApiStats {
    return {
      ...this.totals,
      byStream: Object.fromEntries([...this.byStream].map(([name, s]) => [name, { ...s }])),
    };
  }

  /** Writes the request metrics not written yet and releases the keep-alive sockets. */
  close(): void {
    this.metrics.flush();
    this.closeTransport();
  }

  private streamStats(stream: string): { requests: number; retries: number; rateLimited: number } {
    let found = this.byStream.get(stream);
    if (found === undefined) {
      found = { requests: 0, retries: 0, rateLimited: 0 };
      this.byStream.set(stream, found);
    }
    return found;
  }

  /** One attempt: a concurrency slot, the limiter's go, the exchange, and its metrics. */
  private async attempt(prepared: Prepared): Promise<ApiPage> {
    const { request } = prepared;
    const { clock } = this.options;
    await this.semaphore.acquire();
    let startedMs: number | null = null;
    let httpStatus: number | null = null;
    let isSuccess = false;
    let isLimiterHeld = false;
    try {
      await this.limiter.acquire();
      isLimiterHeld = true;
      startedMs = clock.now();
      this.totals.requests += 1;
      const stats = this.streamStats(request.stream);
      stats.requests += 1;
      const response = await this.exchange(prepared.url, prepared.path);
      httpStatus = response.status;
      const info = parseRateLimitHeaders(response.headers);
      // Tell the limiter about a 429 before the slot is freed, so no waiting request slips out meanwhile.
      if (httpStatus === 429) this.limiter.noteRateLimited(info?.resetMs ?? parseRetryAfterMs(response.headers));
      isLimiterHeld = false;
      this.limiter.release({ hasResponse: true, status: httpStatus, info });
      this.logRequest(prepared, httpStatus, clock.now() - startedMs, info?.requestsLeft);
      const page = this.readPage(prepared, response, info, stats);
      isSuccess = true;
      return page;
    } finally {
      // No response (timeout, connection error): the limiter learns nothing, but the slot is free.
      if (isLimiterHeld) this.limiter.release({ hasResponse: false });
      this.semaphore.release();
      if (startedMs !== null) {
        const endpoint = request.endpoint ?? request.stream;
        this.metrics.record({ stream: request.stream, endpoint, httpStatus, isSuccess, durationMs: clock.now() - startedMs });
      }
    }
  }

  /** Sends, within the per-attempt timeout; what went wrong on the way becomes a typed failure. */
  private async exchange(url: string, path: string): Promise<HttpResponse> {
    const timeoutMs = this.options.requestTimeoutMs;
    let isTimedOut = false;
    let pending: ReturnType<SendRequest> | undefined;
    const cancelTimer = this.startTimer(timeoutMs, () => {
      isTimedOut = true;
      pending?.abort(new Error(`timed out after ${timeoutMs} ms`));
    });
    try {
      pending = this.send(url, this.headers);
      if (isTimedOut) pending.abort(new Error(`timed out after ${timeoutMs} ms`));
      return await pending.response;
    } catch (error) {
      throw translateTransportError(error, { method: 'GET', path, isTimedOut, timeoutMs, secrets: this.secrets });
    } finally {
      cancelTimer();
    }
  }

  /** The parsed page of a 2xx; a typed error for anything else. */
  private readPage(prepared: Prepared, response: HttpResponse, info: RateLimitInfo | undefined, stats: { rateLimited: number }): ApiPage {
    const { status, body } = response;
    if (status === 429) {
      this.totals.rateLimited += 1;
      stats.rateLimited += 1;
      const resetMs = info?.resetMs ?? parseRetryAfterMs(response.headers);
      throw createStatusError(this.errorInput(prepared, status, body, resetMs));
    }
    if (status < 200 || status >= 300) throw createStatusError(this.errorInput(prepared, status, body));
    const { apiVersion } = prepared.request;
    const page: ApiPage = parseSuccessBody({
      apiVersion,
      status,
      bodyText: body,
      method: 'GET',
      path: prepared.path,
      secrets: this.secrets,
    });
    const serverTimeMs = parseDate(response.headers.get('date'));
    if (serverTimeMs !== undefined) page.serverTimeMs = serverTimeMs;
    return page;
  }

  /** `/v2/orders?limit=250`, redacted: for debug lines and error details only. */
  private targetOf(prepared: Prepared): string {
    return redact(displayTarget(prepared.request.apiVersion, prepared.request.path, prepared.queryString), this.secrets);
  }

  private errorInput(prepared: Prepared, status: number, bodyText: string, resetMs?: number): StatusErrorInput {
    return {
      status,
      method: 'GET',
      path: prepared.path,
      target: this.targetOf(prepared),
      bodyText,
      stream: prepared.request.stream,
      storeHash: this.options.storeHash,
      scopes: this.options.scopes,
      secrets: this.secrets,
      retriableStatuses: this.policy.retriableStatuses,
      resetMs,
    };
  }

  private logRequest(prepared: Prepared, status: number, elapsedMs: number, requestsLeft: number | undefined): void {
    const { logger } = this.options;
    if (!logger.isLevelEnabled('debug')) return;
    const left = requestsLeft === undefined ? '' : ` (requests left: ${requestsLeft})`;
    logger.debug(redact(`GET ${this.targetOf(prepared)} -> ${status} in ${elapsedMs} ms${left}`, this.secrets));
  }

  private exhausted(request: ApiRequest, attempts: number, last: unknown): RetriesExhaustedError {
    const path = redact(`/${request.apiVersion}${request.path}`, this.secrets);
    const lastStatus = last instanceof HttpError ? last.status : undefined;
    const message =
      `GET ${path} failed after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}; the last one ${this.describeFailure(last)}. ` +
      `BigCommerce may be overloaded or down (status.bigcommerce.com): try again later or raise max_retries.`;
    const details =
      last instanceof Error
        ? redact(`${last.message}${last instanceof HttpError && last.details ? ` ${last.details}` : ''}`, this.secrets)
        : undefined;
    return new RetriesExhaustedError(redact(message, this.secrets), {
      method: 'GET',
      path,
      attempts,
      lastStatus,
      cause: last,
      ...(details === undefined ? {} : { details }),
    });
  }

  private describeFailure(error: unknown): string {
    if (error instanceof InvalidResponseError) return `returned ${statusLine(error.status)} with an unreadable body`;
    if (error instanceof RateLimitedError) return `returned ${statusLine(error.status)} (rate limited)`;
    if (error instanceof HttpError) return `returned ${statusLine(error.status)}`;
    if (error instanceof RequestTimeoutError) return `timed out after ${this.options.requestTimeoutMs} ms`;
    if (error instanceof NetworkError) return `failed with connection error ${error.code ?? 'unknown'}`;
    return 'failed';
  }
}

function parseDate(value: string | null): number | undefined {
  if (value === null) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
