import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

/** How often aggregated request metrics are written during a sync (plus once at the end). */
export const METRICS_INTERVAL_MS = 5_000;

/** One request's outcome, as the metrics see it. */
export interface RequestOutcome {
  stream: string;
  endpoint: string;
  /** The HTTP status, or null when no response arrived (timeout, connection error). */
  httpStatus: number | null;
  isSuccess: boolean;
  durationMs: number;
}

interface Tally {
  tags: { stream: string; endpoint: string; http_status_code: number | null; status: 'succeeded' | 'failed' };
  count: number;
  totalMs: number;
  minMs: number;
  maxMs: number;
}

/**
 * The Singer `METRIC` lines of the HTTP layer. One line per request is noise at thousands of requests a second,
 * so by default requests are tallied per (stream, endpoint, HTTP status, outcome) and written every
 * `intervalMs` of the injected clock and at `flush()`: an `http_request_count` counter (requests since the
 * last line) and an `http_request_duration` timer (their total seconds, with `count`, `min` and `max` seconds
 * in its tags). At `debug` level each request writes its own `http_request_duration` timer instead (the count
 * lines stay): summing `value` gives the same totals in both forms.
 */
export class RequestMetrics {
  private readonly tallies = new Map<string, Tally>();
  private lastFlushMs: number;
  private readonly isPerRequest: boolean;

  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly intervalMs = METRICS_INTERVAL_MS,
  ) {
    this.lastFlushMs = clock.now();
    this.isPerRequest = logger.isLevelEnabled('debug');
  }

  record(outcome: RequestOutcome): void {
    const status = outcome.isSuccess ? 'succeeded' : 'failed';
    const key = `${outcome.stream}\u0000${outcome.endpoint}\u0000${outcome.httpStatus}\u0000${status}`;
    let tally = this.tallies.get(key);
    if (tally === undefined) {
      tally = {
        tags: { stream: outcome.stream, endpoint: outcome.endpoint, http_status_code: outcome.httpStatus, status },
        count: 0,
        totalMs: 0,
        minMs: Number.POSITIVE_INFINITY,
        maxMs: 0,
      };
      this.tallies.set(key, tally);
    }
    tally.count += 1;
    tally.totalMs += outcome.durationMs;
    if (outcome.durationMs < tally.minMs) tally.minMs = outcome.durationMs;
    if (outcome.durationMs > tally.maxMs) tally.maxMs = outcome.durationMs;
    if (this.isPerRequest) {
      this.logger.metric({ type: 'timer', metric: 'http_request_duration', value: outcome.durationMs / 1000, tags: tally.tags });
    }
    if (this.clock.now() - this.lastFlushMs >= this.intervalMs) this.flush();
  }

  /** Writes what was tallied since the last lines, then starts over. */
  flush(): void {
    this.lastFlushMs = this.clock.now();
    for (const tally of this.tallies.values()) {
      if (tally.count === 0) continue;
      this.logger.metric({ type: 'counter', metric: 'http_request_count', value: tally.count, tags: tally.tags });
      if (!this.isPerRequest) {
        this.logger.metric({
          type: 'timer',
          metric: 'http_request_duration',
          value: tally.totalMs / 1000,
          tags: { ...tally.tags, count: tally.count, min: tally.minMs / 1000, max: tally.maxMs / 1000 },
        });
      }
      tally.count = 0;
      tally.totalMs = 0;
      tally.minMs = Number.POSITIVE_INFINITY;
      tally.maxMs = 0;
    }
  }
}
