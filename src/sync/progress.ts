import type { Clock, Ticker } from '../clock.js';
import { formatInstant } from '../dates.js';
import type { Logger } from '../logger.js';
import type { TapState } from '../state.js';
import type { StreamStats } from './sync-stats.js';

/** What the engine reports to: each stream's end (the figures in between are read on every tick). */
export interface ProgressSink {
  update(stats: StreamStats, isFinal?: boolean): void;
}

/** One running stream as a live display shows it. */
export interface ProgressRow {
  stream: string;
  records: number;
  /** Records expected in the window, when the API said. */
  total?: number;
  /** The figures after the bar: `1,234 of ~5,000 records (24%), 310 requests, 52 records/s, ETA 1m 13s`. */
  text: string;
}

/** A live display of the running streams (stderr is a terminal): redrawn on every tick, cleared at the end. */
export interface ProgressView {
  show(rows: readonly ProgressRow[]): void;
  clear(): void;
}

export interface ProgressOptions {
  logger: Logger;
  clock: Clock;
  /** The sync's figures, one entry per stream from its start (the engine fills it): the running ones are shown. */
  streams: readonly StreamStats[];
  /** Drives the redraws (and log lines); without one, only each stream's final line is logged. */
  ticker?: Ticker;
  /** A live display; without one, running streams are logged every `logIntervalMs`. */
  view?: ProgressView;
  /** Requests made so far for a stream (the API client's counters). */
  requestsOf?: (stream: string) => number;
  /** Each stream's bookmark when the sync started, to say "no changes since" after an empty run. */
  startBookmarks?: Readonly<Record<string, string>>;
  /** Redraw interval. */
  tickMs?: number;
  /** Without a view: a log line per running stream this often, the first `firstLogAfterMs` after it starts. */
  logIntervalMs?: number;
  firstLogAfterMs?: number;
}

/** The ETA as last estimated: between records it counts down from there instead of freezing. */
interface Estimate {
  records: number;
  atMs: number;
  etaMs?: number;
}

/**
 * Progress of the running streams, on a timer: requests made, records, the total when the API said it, rate
 * and an ETA. On a terminal a live view is redrawn on every tick (even when no record arrived); otherwise a
 * log line every few seconds. Each stream's end is one log line, which says what happened when nothing did.
 */
export class ProgressReporter implements ProgressSink {
  private readonly estimates = new Map<string, Estimate>();
  private readonly nextLogAtMs = new Map<string, number>();
  private stopTicker: (() => void) | null = null;

  constructor(private readonly options: ProgressOptions) {}

  /** Starts the ticks. */
  start(): void {
    const { ticker, tickMs = 1000 } = this.options;
    if (ticker && this.stopTicker === null) this.stopTicker = ticker.every(tickMs, () => this.tick());
  }

  /** Stops the ticks and clears the live view: the terminal is left clean for the last lines. */
  stop(): void {
    this.stopTicker?.();
    this.stopTicker = null;
    this.options.view?.clear();
  }

  update(stats: StreamStats, isFinal = false): void {
    if (!isFinal) return;
    const { view, clock, logger } = this.options;
    // The finished stream leaves the view before its line is written above it.
    view?.show(this.rows(clock.now()));
    logger.info(describeStreamEnd(stats, clock.now(), this.requestsOf(stats.stream), this.options.startBookmarks?.[stats.stream]));
  }

  /** One redraw (or, without a view, the log lines that are due). */
  tick(): void {
    const { view, clock, logger, logIntervalMs = 5000, firstLogAfterMs = 1000 } = this.options;
    const now = clock.now();
    const rows = this.rows(now);
    if (view) {
      view.show(rows);
      return;
    }
    for (const row of rows) {
      const stats = this.options.streams.find((s) => s.stream === row.stream)!;
      const dueMs = this.nextLogAtMs.get(row.stream) ?? stats.startedAtMs + firstLogAfterMs;
      if (now < dueMs) continue;
      this.nextLogAtMs.set(row.stream, now + logIntervalMs);
      logger.info(`${row.stream}: ${row.text}`);
    }
  }

  private rows(nowMs: number): ProgressRow[] {
    return this.options.streams
      .filter((s) => s.status === 'running')
      .map((s) => ({
        stream: s.stream,
        records: s.records,
        ...(s.totalInWindow === undefined ? {} : { total: Math.max(s.totalInWindow, s.records) }),
        text: describeProgress(s, nowMs, this.requestsOf(s.stream), this.etaMs(s, nowMs)),
      }));
  }

  private requestsOf(stream: string): number | undefined {
    return this.options.requestsOf?.(stream);
  }

  /** Re-estimated when records arrive (remaining / average rate), counted down by the clock in between. */
  private etaMs(stats: StreamStats, nowMs: number): number | undefined {
    const last = this.estimates.get(stats.stream);
    if (last && last.records === stats.records) return last.etaMs === undefined ? undefined : Math.max(0, last.etaMs - (nowMs - last.atMs));
    const elapsedMs = nowMs - stats.startedAtMs;
    const total = stats.totalInWindow;
    const etaMs =
      total !== undefined && stats.records > 0 && elapsedMs > 0
        ? (Math.max(0, total - stats.records) * elapsedMs) / stats.records
        : undefined;
    this.estimates.set(stats.stream, { records: stats.records, atMs: nowMs, ...(etaMs === undefined ? {} : { etaMs }) });
    return etaMs;
  }
}

const count = (n: number): string => n.toLocaleString('en-US');

/** `5s`, `2m 05s`, `1h 02m`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** A running stream's figures: `1,234 of ~5,000 records (24%), 310 requests, 52 records/s, ETA 1m 13s`. */
export function describeProgress(stats: StreamStats, nowMs: number, requests?: number, etaMs?: number): string {
  const seconds = Math.max((nowMs - stats.startedAtMs) / 1000, 0.001);
  const total = stats.totalInWindow === undefined ? undefined : Math.max(stats.totalInWindow, stats.records);
  const parts = [
    total === undefined || total === 0
      ? `${count(stats.records)} records`
      : `${count(stats.records)} of ~${count(total)} records (${Math.floor((stats.records / total) * 100)}%)`,
  ];
  if (requests !== undefined) parts.push(`${count(requests)} requests`);
  parts.push(`${count(Math.round(stats.records / seconds))} records/s`);
  if (etaMs !== undefined) parts.push(`ETA ${formatDuration(etaMs)}`);
  return parts.join(', ');
}

/**
 * A stream's last line. After a run that wrote nothing it says what happened: `customers: no changes since
 * 2024-05-01T10:00:00Z (bookmark kept)`, not `0 records of ~1 (0%)`.
 */
export function describeStreamEnd(stats: StreamStats, nowMs: number, requests?: number, startBookmark?: string): string {
  const requestsText = requests === undefined ? '' : `, ${count(requests)} requests`;
  const seconds = ((stats.finishedAtMs ?? nowMs) - stats.startedAtMs) / 1000;
  if (stats.records === 0) {
    const final = stats.finalBookmark;
    if (startBookmark !== undefined && (final === undefined || final === startBookmark)) {
      return `${stats.stream}: no changes since ${startBookmark} (bookmark kept)${requestsText}`;
    }
    if (final !== undefined) return `${stats.stream}: no records modified since ${startBookmark ?? final}${requestsText}`;
    return `${stats.stream}: no records${requestsText}`;
  }
  const rate = count(Math.round(stats.records / Math.max(seconds, 0.001)));
  const bookmark = stats.finalBookmark === undefined ? '' : `, bookmark ${stats.finalBookmark}`;
  const duration = seconds < 60 ? `${seconds.toFixed(1)}s` : formatDuration(seconds * 1000);
  return `${stats.stream}: ${count(stats.records)} records in ${duration} (${rate} records/s)${requestsText}${bookmark}`;
}

/** Each stream's bookmark in `state` as it stands (a child in step with its parent has the parent's). */
export function bookmarksOf(state: TapState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [stream, bookmark] of Object.entries(state.bookmarks)) {
    const ms = bookmark.parent === undefined ? bookmark.replicationKeyValueMs : state.bookmarks[bookmark.parent]?.replicationKeyValueMs;
    if (ms !== undefined) out[stream] = formatInstant(ms);
  }
  return out;
}
