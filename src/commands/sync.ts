import type { TapConfig } from '../config.js';
import { OutputClosedError } from '../errors.js';
import type { Logger } from '../logger.js';
import { hasMapSettings } from '../maps/map-plan.js';
import { transformingSink } from '../maps/map-transform.js';
import { streamMapTransform } from '../maps/stream-maps.js';
import { createSingerSink } from '../singer/singer-sink.js';
import { emptyState, readStateFile, type TapState } from '../state.js';
import { STREAM_NAMES } from '../streams/index.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import { withDeletedAtColumns } from '../sync/deletions/deleted-at-column.js';
import { type SyncSummary, syncToSink } from '../sync/engine.js';
import type { EventSink } from '../sync/events.js';
import { bookmarksOf, ProgressReporter } from '../sync/progress.js';
import { describeSummary } from '../sync/summary.js';
import { stateEvent } from '../sync/sync-context.js';
import type { StreamStats } from '../sync/sync-stats.js';
import type { CommandIo } from './io.js';
import { type CommonArgs, makeClient, selectStreams } from './setup.js';
import { STOP_EXIT_CODES, type StopSignal, type StopSource } from './stop.js';

export interface SyncRunOptions {
  args: CommonArgs;
  config: TapConfig;
  io: CommandIo;
  logger: Logger;
  /** A sink other than Singer on stdout (Airbyte). */
  sink?: EventSink;
  state?: TapState;
  /** Streams chosen another way than a Singer catalog (Airbyte's configured catalog). */
  streams?: SelectedStream[];
  /** Tells of SIGINT/SIGTERM: the sync stops at its next event, writes the last safe STATE and says so. */
  stop?: StopSource;
}

export interface SyncRunResult {
  summary: SyncSummary;
  /** The signal that stopped the sync early, if one did. */
  stoppedBy: StopSignal | null;
}

/** The exit code of a sync that ended normally (0) or on a signal (130 for SIGINT, 143 for SIGTERM). */
export function exitCodeOf(result: SyncRunResult): number {
  return result.stoppedBy === null ? 0 : STOP_EXIT_CODES[result.stoppedBy];
}

/** A full sync: selected streams -> Singer messages on stdout; progress and summary on stderr. */
export async function runSyncCommand(options: SyncRunOptions): Promise<SyncRunResult> {
  const { args, config, io, logger } = options;
  const streams = withDeletedAtColumns(options.streams ?? selectStreams(args, logger), config);
  const state = options.state ?? readState(args, logger);
  const client = makeClient(config, io, logger);
  const sink = protocolSink(options, streams);
  let stoppedBy: StopSignal | null = null;
  const stoppable: EventSink = {
    write(event) {
      if (stoppedBy !== null) throw new StopRequested();
      return sink.write(event);
    },
    flush: () => sink.flush(),
  };
  const unsubscribe = options.stop?.onStop((signal) => {
    stoppedBy = signal;
  });
  const startedAt = io.clock.now();
  const stats: StreamStats[] = [];
  const progress = new ProgressReporter({
    logger,
    clock: io.clock,
    streams: stats,
    ...(io.ticker ? { ticker: io.ticker } : {}),
    ...(io.progressView ? { view: io.progressView } : {}),
    requestsOf: (stream) => client.stats().byStream[stream]?.requests ?? 0,
    startBookmarks: bookmarksOf(state),
  });
  progress.start();
  try {
    const summary = await syncToSink({ client, config, logger, clock: io.clock, state, streams, progress }, stoppable, stats);
    return { summary, stoppedBy: null };
  } catch (error) {
    if (error instanceof StopRequested && stoppedBy !== null) {
      // Every bookmark in `state` covers only records already handed to the sink: it is safe to write.
      await sink.write(stateEvent(state));
      await sink.flush();
      progress.stop();
      logger.warn(`Stopped on ${stoppedBy} after writing the last safe STATE.`);
      return { summary: { streams: [], api: client.stats(), durationMs: io.clock.now() - startedAt }, stoppedBy };
    }
    throw error;
  } finally {
    unsubscribe?.();
    progress.stop();
    client.close();
    for (const line of describeSummary(stats, client.stats(), io.clock.now() - startedAt, io.clock.now())) logger.info(line);
  }
}

/**
 * Singer on stdout, through the stream maps and flattening when configured (compiled now: a bad map is a
 * config error before any request). Airbyte has no stream maps: its sink gets the streams unmapped.
 */
function protocolSink(options: SyncRunOptions, streams: readonly SelectedStream[]): EventSink {
  if (options.sink) {
    if (hasMapSettings(options.config)) {
      options.logger.warn('stream_maps and flattening apply to Singer output only: airbyte read writes the streams unmapped.');
    }
    return options.sink;
  }
  const singer = createSingerSink(options.io.stdout);
  const transform = streamMapTransform(options.config, streams);
  return transform ? transformingSink(singer, transform) : singer;
}

function readState(args: CommonArgs, logger: Logger): TapState {
  if (!args.state) return emptyState();
  const { state, warnings } = readStateFile(args.state, STREAM_NAMES);
  for (const warning of warnings) logger.warn(warning);
  return state;
}

class StopRequested extends OutputClosedError {
  constructor() {
    super('Stopped on request.');
  }
}
