import type { Clock } from '../clock.js';

/**
 * The API server's time, learned from `Date` response headers: windows are fixed in the server's clock so
 * that a skewed local clock can't cut records off.
 */
export class ServerClock {
  private offsetMs: number | null = null;

  constructor(private readonly clock: Clock) {}

  observe(serverTimeMs: number | undefined): void {
    if (serverTimeMs === undefined || !Number.isFinite(serverTimeMs)) return;
    this.offsetMs = serverTimeMs - this.clock.now();
  }

  /** Server time now, or null when no response has told it yet. */
  nowMs(): number | null {
    return this.offsetMs === null ? null : this.clock.now() + this.offsetMs;
  }

  /** Server time now, or the local (injected) clock when no response has told it. */
  nowOrLocalMs(): number {
    return this.nowMs() ?? this.clock.now();
  }
}
