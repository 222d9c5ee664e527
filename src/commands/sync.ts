import type { TapConfig } from '../config.js';
import { OutputClosedError } from '../errors.js';
import type { Logger } from '../logger.js';
import { hasMapSettings } from '../maps/map-plan.js';
import { transformingSink } from '../maps/map-transform.js';
import { streamMapTransform } from '../maps/stream-maps.js';
import { createSingerSink } from '../singer/singer-sink.js';
import { emptyState, readStateFile, type TapState } from '../state.js';
import { STREAMS } from '../streams/index.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import { type SyncSummary, syncToSink } from '../sync/engine.js';
import type { EventSink } from '../sync/events.js';
import { describeSummary } from '../sync/summary.js';
import { stateEvent } from '../sync/sync-context.js';
import type { StreamStats } from '../sync/sync-stats.js';
import type { CommandIo } from './io.js';
import { type CommonArgs, makeClient, selectStreams } from './setup.js';

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
  /** Resolves when the process is asked to stop (SIGTERM): the last safe STATE is written, then exit 143. */
  stopSignal?: Promise<void>;
}

export interface SyncRunResult {
  summary: SyncSummary;
  stopped: boolean;
}

/** A full sync: selected streams -> Singer messages on stdout; summary on stderr. */
export async function runSyncCommand(options: SyncRunOptions): Promise<SyncRunResult> {
  const { args, config, io, logger } = options;
  const streams = options.streams ?? selectStreams(args, logger);
  const state =
    options.state ??
    (args.state
      ? readStateFile(
          args.state,
          STREAMS.map((s) => s.name),
        )
      : emptyState());
  const sink = protocolSink(options, streams);
  const client = makeClient(config, io, logger);
  let stopped = false;
  const stoppable: EventSink = {
    write(event) {
      if (stopped) throw new StopRequested();
      return sink.write(event);
    },
    flush: () => sink.flush(),
  };
  options.stopSignal?.then(() => {
    stopped = true;
  });
  const startedAt = io.clock.now();
  const stats: StreamStats[] = [];
  try {
    const summary = await syncToSink(
      { client, config, logger, clock: io.clock, state, streams, ...(io.statusLine ? { statusLine: io.statusLine } : {}) },
      stoppable,
      stats,
    );
    return { summary, stopped: false };
  } catch (error) {
    if (error instanceof StopRequested) {
      // Every bookmark in `state` covers only records already handed to the sink: it is safe to write.
      await sink.write(stateEvent(state));
      await sink.flush();
      logger.warn('Stopped on SIGTERM after writing the last safe STATE.');
      return { summary: { streams: [], api: client.stats(), durationMs: io.clock.now() - startedAt }, stopped: true };
    }
    throw error;
  } finally {
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

class StopRequested extends OutputClosedError {
  constructor() {
    super('Stopped on request.');
  }
}
