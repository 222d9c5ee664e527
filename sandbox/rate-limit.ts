/**
 * The store's request quota: fixed windows of `windowMs`, the first one starting at the first request, as the
 * `X-Rate-Limit-*` headers describe them.
 */
export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class FixedWindowLimiter {
  /**
   * Requests counted against the quota in each window, oldest first: one entry per window in which a request
   * arrived. Lets tests measure how fully a client uses the quota by counting, not by timing.
   */
  readonly usedPerWindow: number[] = [];
  private windowStart: number | null = null;
  private used = 0;

  constructor(
    private readonly quota: { requests: number; windowMs: number },
    private readonly now: () => number,
  ) {}

  private roll(now: number): number {
    if (this.windowStart === null) {
      this.windowStart = now;
      this.usedPerWindow.push(0);
    }
    const elapsed = now - this.windowStart;
    if (elapsed >= this.quota.windowMs) {
      this.windowStart += Math.floor(elapsed / this.quota.windowMs) * this.quota.windowMs;
      this.used = 0;
      this.usedPerWindow.push(0);
    } else if (elapsed < 0) {
      this.windowStart = now; // the clock went backwards (a test clock): start afresh
      this.used = 0;
      this.usedPerWindow.push(0);
    }
    return this.windowStart;
  }

  private headers(now: number, start: number): Record<string, string> {
    return {
      'X-Rate-Limit-Time-Window-Ms': String(this.quota.windowMs),
      'X-Rate-Limit-Time-Reset-Ms': String(Math.max(0, start + this.quota.windowMs - now)),
      'X-Rate-Limit-Requests-Quota': String(this.quota.requests),
      'X-Rate-Limit-Requests-Left': String(Math.max(0, this.quota.requests - this.used)),
    };
  }

  /** Counts one request if the window has room; a refused one gets `X-Retry-After` (whole seconds, rounded up). */
  take(): RateDecision {
    const now = this.now();
    const start = this.roll(now);
    if (this.used >= this.quota.requests) {
      const headers = this.headers(now, start);
      headers['X-Retry-After'] = String(Math.ceil(Number(headers['X-Rate-Limit-Time-Reset-Ms']) / 1000));
      return { allowed: false, headers };
    }
    this.used++;
    this.usedPerWindow[this.usedPerWindow.length - 1] = this.used;
    return { allowed: true, headers: this.headers(now, start) };
  }

  /** The current headers without counting a request (for responses refused before the quota applies). */
  peek(): Record<string, string> {
    const now = this.now();
    return this.headers(now, this.roll(now));
  }
}
