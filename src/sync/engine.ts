import type { Clock } from '../clock.js';
import type { TapConfig } from '../config.js';
import { InvalidRecordError, OutputClosedError, TapError } from '../errors.js';
import { BadRequestError, ForbiddenError, InvalidResponseError, NotFoundError } from '../http/errors.js';
import type { ApiClient, ApiStats } from '../http/types.js';
import type { Logger } from '../logger.js';
import type { TapState } from '../state.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import type { EventSink, TapEvent } from './events.js';
import { syncGroup } from './group-sync.js';
import { ProgressReporter, type ProgressSink } from './progress.js';
import { ServerClock } from './server-clock.js';
import { planGroups, type StreamGroup, writtenStreams } from './stream-group.js';
import { type SyncContext, stateEvent, throttle } from './sync-context.js';
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
  /** Where each stream's end is reported (the reporter reads the running figures on its own timer). */
  progress?: ProgressSink;
}

export interface SyncSummary {
  streams: StreamStats[];
  api: ApiStats;
  durationMs: number;
}

/**
 * Runs the selected streams one walk at a time (so `currently_syncing` is meaningful), resuming an interrupted
 * walk first. Yields protocol-neutral events. A stream the token can't read (403) doesn't stop the others:
 * one of the original four (or any, with `strict_scopes`) fails the run at the end; any other is skipped
 * with one warning (see outcomeOf for every error).
 */
export async function* runSync(options: SyncOptions, stats: StreamStats[] = []): AsyncGenerator<TapEvent> {
  const { clock, logger, state } = options;
  const progress = options.progress ?? new ProgressReporter({ logger, clock, streams: stats });
  const running: StreamStats[] = [];
  const ctx: SyncContext = {
    client: options.client,
    config: options.config,
    logger,
    clock,
    serverClock: new ServerClock(clock),
    state,
    isStateDue: throttle(clock, options.stateIntervalMs ?? 250),
    reportProgress: () => {
      for (const s of running) progress.update(s);
    },
    statsOf: (stream) => {
      let found = stats.find((s) => s.stream === stream);
      if (!found) {
        found = { stream, records: 0, startedAtMs: clock.now(), status: 'running' };
        stats.push(found);
      }
      return found;
    },
  };
  const groups = planGroups(options.streams);
  const resumeIndex = groups.findIndex((g) => g.parent.definition.name === state.currentlySyncing);
  if (resumeIndex > 0) groups.unshift(...groups.splice(resumeIndex, 1));

  const failures: StreamStats[] = [];
  const skipped: StreamStats[] = [];
  const unavailable: StreamStats[] = [];
  for (const group of groups) {
    const members = writtenStreams(group).map((s) => ctx.statsOf(s.definition.name));
    running.splice(0, running.length, ...members);
    for (const m of members) yield { type: 'stream_status', stream: m.stream, status: 'STARTED' };
    try {
      yield* syncGroup(ctx, group);
      for (const m of members) {
        if (m.status === 'skipped') {
          // A child the token can't read, dropped from the group while the others went on.
          skipped.push(m);
          yield { type: 'stream_status', stream: m.stream, status: 'INCOMPLETE' };
          continue;
        }
        m.status = 'complete';
        m.finishedAtMs = clock.now();
        progress.update(m, true);
        logger.metric({ type: 'counter', metric: 'record_count', value: m.records, tags: { stream: m.stream } });
        yield { type: 'stream_status', stream: m.stream, status: 'COMPLETE' };
      }
    } catch (error) {
      for (const m of members) {
        m.finishedAtMs = clock.now();
        m.error = (error as Error).message;
      }
      if (error instanceof OutputClosedError) throw error;
      const outcome = outcomeOf(error, group, options.config);
      for (const m of members) {
        m.status = outcome === 'skip-scope' || outcome === 'skip-missing' ? 'skipped' : 'failed';
        yield { type: 'stream_status', stream: m.stream, status: 'INCOMPLETE' };
      }
      if (outcome === 'stop') {
        // STATE messages are throttled: write one that covers everything written before stopping.
        yield stateEvent(state);
        throw error;
      }
      const names = members.map((m) => m.stream).join(', ');
      if (outcome === 'skip-missing') {
        unavailable.push(...members);
        logger.debug(`${names}: ${(error as Error).message}`);
      } else if (outcome === 'skip-scope') skipped.push(...members);
      else {
        logger.error(`${names}: ${(error as Error).message}`);
        failures.push(...members);
      }
      state.currentlySyncing = null;
      yield stateEvent(state);
    }
  }
  running.length = 0;
  if (skipped.length > 0) logger.warn(describeSkipped(skipped, options.streams));
  if (unavailable.length > 0) logger.warn(describeUnavailable(unavailable));
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

/**
 * What a stream's error means for the run. `stop`: at once (the output closed, the token is bad, the API keeps
 * failing: what follows would fail too). `fail`: this stream failed, the others go on, the run fails at the end
 * (a scope one of the original four lacks; an optional table whose endpoint refuses the query, answers in a
 * shape the tap can't read, or sends a record its schema rejects). `skip-scope`/`skip-missing`: an optional
 * table the token can't read (403) or the store doesn't serve (404), skipped with one warning.
 */
function outcomeOf(error: unknown, group: StreamGroup, config: TapConfig): 'stop' | 'fail' | 'skip-scope' | 'skip-missing' {
  const isOptional = !isCoreGroup(group);
  if (error instanceof ForbiddenError) return isOptional && !config.strictScopes ? 'skip-scope' : 'fail';
  if (error instanceof NotFoundError && isOptional && !config.strictScopes) return 'skip-missing';
  const isStreamLocal = error instanceof BadRequestError || error instanceof InvalidResponseError || error instanceof InvalidRecordError;
  return isOptional && isStreamLocal ? 'fail' : 'stop';
}

function isCoreGroup(group: StreamGroup): boolean {
  return group.parent.definition.isCore && group.isParentWritten;
}

function describeSkipped(skipped: StreamStats[], selected: SelectedStream[]): string {
  const parts = skipped.map((s) => {
    const scope = selected.find((x) => x.definition.name === s.stream)?.definition.scope;
    return scope ? `${s.stream} (${scope.label}: ${scope.id})` : s.stream;
  });
  return `Skipped ${skipped.length} stream${skipped.length > 1 ? 's' : ''} the access token can't read: ${parts.join(', ')}. Grant these read-only scopes to the API account, deselect the streams, or set strict_scopes to fail instead.`;
}

function describeUnavailable(streams: StreamStats[]): string {
  const s = streams.length > 1 ? 's' : '';
  return `Skipped ${streams.length} stream${s} this store does not serve (404 Not Found): ${streams.map((m) => m.stream).join(', ')}. The feature may be off for this store; deselect the stream${s}, or set strict_scopes to fail instead (details at --log-level debug).`;
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
