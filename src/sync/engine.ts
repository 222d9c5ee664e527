import type { Clock } from '../clock.js';
import type { TapConfig } from '../config.js';
import { OutputClosedError, TapError } from '../errors.js';
import type { ApiClient, ApiStats } from '../http/types.js';
import type { Logger } from '../logger.js';
import type { TapState } from '../state.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import type { EventSink, TapEvent } from './events.js';
import { ProgressReporter, type StatusLine } from './progress.js';
import { ServerClock } from './server-clock.js';
import { type SyncContext, stateEvent, syncStream } from './stream-sync.js';
import type { StreamStats } from './sync-stats.js';

/** The sync finished, but some streams failed (e.g. a missing scope); the others completed. */
export class StreamsFailedError extends TapError {}

export interface SyncOptions {
  client: ApiClient;
  config: TapConfig;
  logger: Logger;
  clock: Clock;
  state: TapState;
  streams: SelectedStream[];
  stateIntervalMs?: number;
  progressIntervalMs?: number;
  /** A live status line for progress (stderr is a terminal). */
  statusLine?: StatusLine;
}

export interface SyncSummary {
  streams: StreamStats[];
  api: ApiStats;
  durationMs: number;
}

/** A stream failure that should not stop the other streams: a 403 (missing scope) on one resource. */
function isStreamScopedFailure(error: unknown): boolean {
  return (error as { status?: unknown }).status === 403;
}

/**
 * Runs the selected streams one at a time (so `currently_syncing` is meaningful), resuming an interrupted
 * stream first. Yields protocol-neutral events.
 */
export async function* runSync(options: SyncOptions, stats: StreamStats[] = []): AsyncGenerator<TapEvent> {
  const { clock, logger, state } = options;
  const ctx: SyncContext = {
    client: options.client,
    config: options.config,
    logger,
    clock,
    serverClock: new ServerClock(clock),
    state,
    stateIntervalMs: options.stateIntervalMs ?? 250,
    progress: new ProgressReporter(logger, clock, options.progressIntervalMs ?? 5000, options.statusLine),
  };
  const ordered = [...options.streams];
  const resumeIndex = ordered.findIndex((s) => s.definition.name === state.currentlySyncing);
  if (resumeIndex > 0) ordered.unshift(...ordered.splice(resumeIndex, 1));

  const failures: StreamStats[] = [];
  for (const selected of ordered) {
    const streamStats: StreamStats = { stream: selected.definition.name, records: 0, startedAtMs: clock.now(), status: 'running' };
    stats.push(streamStats);
    yield { type: 'stream_status', stream: streamStats.stream, status: 'STARTED' };
    try {
      yield* syncStream(ctx, selected, streamStats);
      streamStats.status = 'complete';
      streamStats.finishedAtMs = clock.now();
      ctx.progress.update(streamStats, true);
      logger.metric({ type: 'counter', metric: 'record_count', value: streamStats.records, tags: { stream: streamStats.stream } });
      yield { type: 'stream_status', stream: streamStats.stream, status: 'COMPLETE' };
    } catch (error) {
      streamStats.status = 'failed';
      streamStats.finishedAtMs = clock.now();
      streamStats.error = (error as Error).message;
      if (error instanceof OutputClosedError) throw error;
      yield { type: 'stream_status', stream: streamStats.stream, status: 'INCOMPLETE' };
      if (!isStreamScopedFailure(error)) {
        // STATE messages are throttled: write one that covers everything written before stopping.
        yield stateEvent(state);
        throw error;
      }
      logger.error(`${streamStats.stream}: ${(error as Error).message}`);
      failures.push(streamStats);
      state.currentlySyncing = null;
      yield stateEvent(state);
    }
  }
  if (failures.length > 0) {
    const first = failures[0]!;
    const others =
      failures.length > 1
        ? ` (and ${failures.length - 1} more stream${failures.length > 2 ? 's' : ''}: ${failures
            .slice(1)
            .map((f) => f.stream)
            .join(', ')})`
        : '';
    throw new StreamsFailedError(`Stream "${first.stream}" failed, the others completed: ${first.error}${others}`);
  }
}

/** Drives `runSync` into a sink; returns the summary, or rethrows after the sink has been flushed. */
export async function syncToSink(options: SyncOptions, sink: EventSink, stats: StreamStats[] = []): Promise<SyncSummary> {
  const startedAt = options.clock.now();
  try {
    for await (const event of runSync(options, stats)) {
      const pending = sink.write(event);
      if (pending) await pending;
    }
  } finally {
    await sink.flush().catch(() => undefined);
  }
  return { streams: stats, api: options.client.stats(), durationMs: options.clock.now() - startedAt };
}

/** The end-of-sync summary lines (stderr): per stream records, requests, retries, 429s, duration, bookmark. */
export function describeSummary(streams: StreamStats[], api: ApiStats, durationMs: number, nowMs: number): string[] {
  const lines = [
    `Sync summary: ${streams.length} stream(s) in ${(durationMs / 1000).toFixed(1)}s, ${api.requests} requests, ${api.retries} retries, ${api.rateLimited} rate-limited (429)`,
  ];
  for (const s of streams) {
    const a = api.byStream[s.stream] ?? { requests: 0, retries: 0, rateLimited: 0 };
    const seconds = ((s.finishedAtMs ?? nowMs) - s.startedAtMs) / 1000;
    lines.push(
      `  ${s.stream}: ${s.status}, ${s.records} records, ${a.requests} requests, ${a.retries} retries, ${a.rateLimited} x 429, ${seconds.toFixed(1)}s${s.finalBookmark ? `, bookmark ${s.finalBookmark}` : ''}${s.error ? `, error: ${s.error}` : ''}`,
    );
  }
  return lines;
}
