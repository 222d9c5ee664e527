import type { Clock } from '../clock.js';

/** Read-only view of response headers; lookups are case-insensitive (`Headers.get`). */
export interface HeaderReader {
  get(name: string): string | null;
}

/** The `X-Rate-Limit-*` headers of one response. */
export interface RateLimitInfo {
  requestsLeft: number;
  requestsQuota: number | undefined;
  resetMs: number | undefined;
  windowMs: number | undefined;
}

/** Parses the `X-Rate-Limit-*` headers; undefined when the response carries no usable `Requests-Left`. */
export function parseRateLimitHeaders(headers: HeaderReader): RateLimitInfo | undefined {
  const requestsLeft = readNumber(headers, 'x-rate-limit-requests-left');
  if (requestsLeft === undefined) return undefined;
  return {
    requestsLeft,
    requestsQuota: readNumber(headers, 'x-rate-limit-requests-quota'),
    resetMs: readNumber(headers, 'x-rate-limit-time-reset-ms'),
    windowMs: readNumber(headers, 'x-rate-limit-time-window-ms'),
  };
}

/** `X-Retry-After` (seconds) in ms, when present. */
export function parseRetryAfterMs(headers: HeaderReader): number | undefined {
  const seconds = readNumber(headers, 'x-retry-after') ?? readNumber(headers, 'retry-after');
  return seconds === undefined ? undefined : seconds * 1000;
}

function readNumber(headers: HeaderReader, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw.trim());
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** What the limiter learns when an attempt ends. */
export interface AttemptOutcome {
  /** False when no response arrived (timeout, connection reset): nothing learned. */
  hasResponse: boolean;
  status?: number;
  info?: RateLimitInfo | undefined;
}

export interface RateLimiterSnapshot {
  mode: 'unknown' | 'unlimited' | 'paced';
  requestsLeft: number;
  inFlight: number;
  resetAtMs: number;
  waiting: number;
}

/**
 * One per store, shared by every request in flight. Paces by the server's `Requests-Left` (other apps share the
 * quota, so the server's count wins over local counting), minus requests in flight the server may not have counted
 * yet. When nothing is left it waits for the window's reset, then assumes the full quota again.
 */
export interface RateLimiter {
  /** Resolves when one more request may be sent; the caller must call `release` exactly once afterwards. */
  acquire(): Promise<void>;
  /** The attempt that `acquire` allowed has ended. */
  release(outcome: AttemptOutcome): void;
  /** A 429 said the quota is spent until `resetMs` from now. */
  noteRateLimited(resetMs: number | undefined): void;
  snapshot(): RateLimiterSnapshot;
}

export interface RateLimiterOptions {
  clock: Clock;
  /**
   * Extra wait after the announced reset, for clock rounding: 1% of the window, 5–50 ms by default (kept below the
   * retry policy's 429 margin so a retried 429 does not wait twice).
   */
  resetMarginMs?: number;
}

const DEFAULT_WINDOW_MS = 30_000;

/** The limiter for one store (see `RateLimiter`). */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  return new StoreRateLimiter(options);
}

/**
 * `RateLimiter` as a small state machine: `unknown` (one request at a time until a response tells), `unlimited`
 * (no rate-limit headers: never waits) or `paced` (by `Requests-Left`, spread over what is left of the window).
 */
export class StoreRateLimiter implements RateLimiter {
  private readonly clock: Clock;
  private mode: RateLimiterSnapshot['mode'] = 'unknown';
  private requestsLeft = 0;
  private quota = 0;
  private windowMs = DEFAULT_WINDOW_MS;
  private hasWindowHeader = false;
  private resetAtMs = 0;
  private inFlight = 0;
  private isSleeping = false;
  // Requests are spread over what is left of the window rather than sent in one burst: friendlier to the
  // other apps sharing the quota, and safe against stores whose windows slide.
  private nextStartAtMs = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly options: RateLimiterOptions) {
    this.clock = options.clock;
  }

  acquire(): Promise<void> {
    // The common case costs no queueing: nobody waits and the quota allows one more now.
    if (this.waiting.length === 0 && this.mode === 'unlimited') {
      this.inFlight += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
  }

  release(outcome: AttemptOutcome): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (outcome.info) this.learn(outcome.info);
    else if (
      outcome.hasResponse &&
      this.mode === 'unknown' &&
      outcome.status !== undefined &&
      outcome.status < 500 &&
      outcome.status !== 429
    ) {
      // A plain answer with no rate-limit headers: an unlimited plan or a proxy. Do not pace.
      this.mode = 'unlimited';
    }
    if (this.waiting.length > 0) this.pump();
  }

  noteRateLimited(resetMs: number | undefined): void {
    if (this.mode !== 'paced') return;
    this.requestsLeft = 0;
    this.nextStartAtMs = 0;
    if (resetMs !== undefined) this.resetAtMs = Math.max(this.resetAtMs, this.clock.now() + resetMs);
    this.pump();
  }

  snapshot(): RateLimiterSnapshot {
    return {
      mode: this.mode,
      requestsLeft: this.requestsLeft,
      inFlight: this.inFlight,
      resetAtMs: this.resetAtMs,
      waiting: this.waiting.length,
    };
  }

  private marginMs(): number {
    return this.options.resetMarginMs ?? Math.min(50, Math.max(5, Math.round(this.windowMs * 0.01)));
  }

  /** Past the reset (plus margin), the window starts over: optimistically assume the full quota. */
  private rollOver(): void {
    const now = this.clock.now();
    if (this.mode !== 'paced' || now < this.resetAtMs + this.marginMs()) return;
    const windowsPassed = Math.floor((now - this.resetAtMs - this.marginMs()) / this.windowMs) + 1;
    this.resetAtMs += windowsPassed * this.windowMs;
    this.requestsLeft = Math.max(this.requestsLeft, this.quota);
  }

  private hasQuotaLeft(): boolean {
    if (this.mode === 'unlimited') return true;
    if (this.mode === 'unknown') return this.inFlight === 0;
    this.rollOver();
    return this.requestsLeft - this.inFlight > 0;
  }

  /** The gap before the next request: what is left of the window shared evenly by the requests left. */
  private spacingMs(): number {
    const remainingMs = Math.max(0, this.resetAtMs - this.clock.now());
    return remainingMs / (Math.max(0, this.requestsLeft - this.inFlight) + 1);
  }

  private sleepThenPump(waitMs: number): void {
    this.isSleeping = true;
    void this.clock.sleep(waitMs).then(() => {
      this.isSleeping = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.waiting.length > 0 && this.hasQuotaLeft()) {
      if (this.mode === 'paced') {
        const now = this.clock.now();
        if (now < this.nextStartAtMs) {
          if (!this.isSleeping) this.sleepThenPump(this.nextStartAtMs - now);
          return;
        }
        this.nextStartAtMs = now + this.spacingMs();
      }
      this.inFlight += 1;
      this.waiting.shift()?.();
    }
    // Blocked with nothing in flight: only the reset can help. With requests in flight, their responses will.
    if (this.waiting.length > 0 && this.mode === 'paced' && this.inFlight === 0 && !this.isSleeping) {
      this.sleepThenPump(Math.max(0, this.resetAtMs + this.marginMs() - this.clock.now()));
    }
  }

  private learn(info: RateLimitInfo): void {
    const now = this.clock.now();
    if (info.requestsQuota !== undefined && info.requestsQuota > 0) this.quota = info.requestsQuota;
    if (info.windowMs !== undefined && info.windowMs > 0) {
      this.windowMs = info.windowMs;
      this.hasWindowHeader = true;
    } else if (!this.hasWindowHeader && info.resetMs !== undefined && this.mode === 'unknown') {
      this.windowMs = Math.max(1, info.resetMs);
    }
    if (this.quota === 0) this.quota = info.requestsLeft;
    const headerResetAt = now + (info.resetMs ?? this.windowMs);
    if (this.mode !== 'paced') {
      this.mode = 'paced';
      this.requestsLeft = info.requestsLeft;
      this.resetAtMs = headerResetAt;
      return;
    }
    // Responses arrive out of order. One that names a much later reset belongs to a newer window; one that names
    // an earlier reset is stale (sent before the window we believe in); within a window the lowest count wins.
    const toleranceMs = this.windowMs / 2;
    if (headerResetAt > this.resetAtMs + toleranceMs) {
      this.requestsLeft = info.requestsLeft;
      this.resetAtMs = headerResetAt;
    } else if (headerResetAt >= this.resetAtMs - toleranceMs) {
      this.requestsLeft = Math.min(this.requestsLeft, info.requestsLeft);
      // The latest estimate of the reset is the safe one (and corrects a rolled-over guess for windows that start
      // at the first request rather than on a fixed beat).
      this.resetAtMs = Math.max(this.resetAtMs, headerResetAt);
    }
  }
}
