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

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { clock } = options;
  let mode: RateLimiterSnapshot['mode'] = 'unknown';
  let requestsLeft = 0;
  let quota = 0;
  let windowMs = DEFAULT_WINDOW_MS;
  let hasWindowHeader = false;
  let resetAtMs = 0;
  let inFlight = 0;
  let isSleeping = false;
  // Requests are spread over what is left of the window rather than sent in one burst: friendlier to the
  // other apps sharing the quota, and safe against stores whose windows slide.
  let nextStartAtMs = 0;
  const waiting: Array<() => void> = [];

  const marginMs = () => options.resetMarginMs ?? Math.min(50, Math.max(5, Math.round(windowMs * 0.01)));

  /** Past the reset (plus margin), the window starts over: optimistically assume the full quota. */
  const rollOver = () => {
    const now = clock.now();
    if (mode !== 'paced' || now < resetAtMs + marginMs()) return;
    const windowsPassed = Math.floor((now - resetAtMs - marginMs()) / windowMs) + 1;
    resetAtMs += windowsPassed * windowMs;
    requestsLeft = Math.max(requestsLeft, quota);
  };

  const hasQuotaLeft = () => {
    if (mode === 'unlimited') return true;
    if (mode === 'unknown') return inFlight === 0;
    rollOver();
    return requestsLeft - inFlight > 0;
  };

  /** The gap before the next request: what is left of the window shared evenly by the requests left. */
  const spacingMs = () => {
    const remainingMs = Math.max(0, resetAtMs - clock.now());
    return remainingMs / (Math.max(0, requestsLeft - inFlight) + 1);
  };

  const sleepThenPump = (waitMs: number) => {
    isSleeping = true;
    void clock.sleep(waitMs).then(() => {
      isSleeping = false;
      pump();
    });
  };

  const pump = () => {
    while (waiting.length > 0 && hasQuotaLeft()) {
      if (mode === 'paced') {
        const now = clock.now();
        if (now < nextStartAtMs) {
          if (!isSleeping) sleepThenPump(nextStartAtMs - now);
          return;
        }
        nextStartAtMs = now + spacingMs();
      }
      inFlight += 1;
      waiting.shift()?.();
    }
    // Blocked with nothing in flight: only the reset can help. With requests in flight, their responses will.
    if (waiting.length > 0 && mode === 'paced' && inFlight === 0 && !isSleeping) {
      sleepThenPump(Math.max(0, resetAtMs + marginMs() - clock.now()));
    }
  };

  const learn = (info: RateLimitInfo) => {
    const now = clock.now();
    if (info.requestsQuota !== undefined && info.requestsQuota > 0) quota = info.requestsQuota;
    if (info.windowMs !== undefined && info.windowMs > 0) {
      windowMs = info.windowMs;
      hasWindowHeader = true;
    } else if (!hasWindowHeader && info.resetMs !== undefined && mode === 'unknown') {
      windowMs = Math.max(1, info.resetMs);
    }
    if (quota === 0) quota = info.requestsLeft;
    const headerResetAt = now + (info.resetMs ?? windowMs);
    if (mode !== 'paced') {
      mode = 'paced';
      requestsLeft = info.requestsLeft;
      resetAtMs = headerResetAt;
      return;
    }
    // Responses arrive out of order. One that names a much later reset belongs to a newer window; one that names
    // an earlier reset is stale (sent before the window we believe in); within a window the lowest count wins.
    const toleranceMs = windowMs / 2;
    if (headerResetAt > resetAtMs + toleranceMs) {
      requestsLeft = info.requestsLeft;
      resetAtMs = headerResetAt;
    } else if (headerResetAt >= resetAtMs - toleranceMs) {
      requestsLeft = Math.min(requestsLeft, info.requestsLeft);
      // The latest estimate of the reset is the safe one (and corrects a rolled-over guess for windows that start
      // at the first request rather than on a fixed beat).
      resetAtMs = Math.max(resetAtMs, headerResetAt);
    }
  };

  return {
    acquire() {
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        pump();
      });
    },
    release(outcome) {
      inFlight = Math.max(0, inFlight - 1);
      if (outcome.info) learn(outcome.info);
      else if (
        outcome.hasResponse &&
        mode === 'unknown' &&
        outcome.status !== undefined &&
        outcome.status < 500 &&
        outcome.status !== 429
      ) {
        // A plain answer with no rate-limit headers: an unlimited plan or a proxy. Do not pace.
        mode = 'unlimited';
      }
      pump();
    },
    noteRateLimited(resetMs) {
      if (mode !== 'paced') return;
      requestsLeft = 0;
      nextStartAtMs = 0;
      if (resetMs !== undefined) resetAtMs = Math.max(resetAtMs, clock.now() + resetMs);
      pump();
    },
    snapshot: () => ({ mode, requestsLeft, inFlight, resetAtMs, waiting: waiting.length }),
  };
}
