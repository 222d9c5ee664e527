import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { StreamStats } from './sync-stats.js';

/** Progress lines on stderr every few seconds for the running stream: records, total when known, rate, ETA. */
export class ProgressReporter {
  private lastAtMs = -Infinity;

  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly intervalMs = 5000,
  ) {}

  update(stats: StreamStats, force = false): void {
    const now = this.clock.now();
    if (!force && now - this.lastAtMs < this.intervalMs) return;
    this.lastAtMs = now;
    this.logger.info(describeProgress(stats, now));
  }
}

export function describeProgress(stats: StreamStats, nowMs: number): string {
  const seconds = Math.max((nowMs - stats.startedAtMs) / 1000, 0.001);
  const rate = stats.records / seconds;
  const total = stats.totalInWindow;
  let line = `${stats.stream}: ${stats.records.toLocaleString('en-US')} records`;
  if (total !== undefined && total > 0) {
    const shown = Math.max(total, stats.records);
    line += ` of ~${shown.toLocaleString('en-US')} (${Math.min(100, Math.floor((stats.records / shown) * 100))}%)`;
    if (rate > 0 && stats.status === 'running') {
      const etaS = Math.max(0, Math.round((shown - stats.records) / rate));
      line += `, ETA ${etaS}s`;
    }
  }
  line += `, ${Math.round(rate).toLocaleString('en-US')} records/s`;
  return line;
}
