import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { StreamStats } from './sync-stats.js';

/** A live status line (stderr is a terminal): replaced in place rather than logged line after line. */
export interface StatusLine {
  set(text: string | null): void;
}

/** How often a live status line is redrawn. */
const LIVE_INTERVAL_MS = 250;

/**
 * Progress for the running stream: records so far, the total when the API said it, rate and ETA. A log line
 * every few seconds (and at each stream's end); on a terminal, a live status line instead, with the final
 * figures logged at the stream's end.
 */
export class ProgressReporter {
  private lastAtMs = -Infinity;

  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly intervalMs = 5000,
    private readonly status?: StatusLine,
  ) {}

  update(stats: StreamStats, isFinal = false): void {
    const now = this.clock.now();
    if (isFinal) {
      this.status?.set(null);
      this.lastAtMs = now;
      this.logger.info(describeProgress(stats, now));
      return;
    }
    if (now - this.lastAtMs < (this.status ? LIVE_INTERVAL_MS : this.intervalMs)) return;
    this.lastAtMs = now;
    if (this.status) this.status.set(describeProgress(stats, now));
    else this.logger.info(describeProgress(stats, now));
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

/** A status line on a terminal stream: other lines written through `writeLine` clear and redraw it. */
export function createTerminalStatus(out: NodeJS.WriteStream): StatusLine & { writeLine(line: string): void } {
  let current: string | null = null;
  const clear = '\r\x1b[2K';
  return {
    set(text) {
      current = text;
      out.write(clear + (text ?? ''));
    },
    writeLine(line) {
      out.write(`${(current ? clear : '') + line}\n${current ?? ''}`);
    },
  };
}
