import type { Writable } from 'node:stream';
import { LineWriter } from '../singer/line-writer.js';
import type { EventSink, TapEvent } from '../sync/events.js';

export type StreamStatus = 'STARTED' | 'RUNNING' | 'COMPLETE' | 'INCOMPLETE';

interface StreamProgress {
  /** Records written since this stream's last STATE. */
  recordsSinceState: number;
  /** The stream's bookmark as of the engine's latest `state` event. */
  latestState: Record<string, unknown>;
  /** JSON of the last stream_state written in this run; null before the first. */
  lastWrittenState: string | null;
  isRunning: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Serializes engine events as Airbyte messages, one per line: RECORD, per-stream STATE and STREAM_STATUS
 * TRACEs. SCHEMA and ACTIVATE_VERSION have no Airbyte counterpart and are dropped.
 *
 * The engine's `state` event carries every bookmark; a STATE here carries the bookmark of the stream being
 * synced (its `formatState` form) with `sourceStats.recordCount` = records since that stream's previous
 * STATE. A STATE is written when it says something new (records since the last one, or a moved bookmark),
 * and always once when a stream completes, even with zero records, before its COMPLETE status.
 */
export function createAirbyteSink(out: Writable, options: { now: () => number; chunkBytes?: number }): EventSink {
  const writer = new LineWriter(out, options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes });
  const streams = new Map<string, StreamProgress>();
  // The streams being synced now: a parent and its child streams run together, each with its own STATE.
  const current = new Set<string>();

  const progressOf = (stream: string): StreamProgress => {
    let progress = streams.get(stream);
    if (!progress) {
      progress = { recordsSinceState: 0, latestState: {}, lastWrittenState: null, isRunning: false };
      streams.set(stream, progress);
    }
    return progress;
  };

  const writeStatus = (stream: string, status: StreamStatus) =>
    writer.writeLine(
      JSON.stringify({
        type: 'TRACE',
        trace: { type: 'STREAM_STATUS', emitted_at: options.now(), stream_status: { stream_descriptor: { name: stream }, status } },
      }),
    );

  /** Writes the stream's STATE unless it would repeat the last one with no records between. */
  const writeState = async (stream: string, progress: StreamProgress, force: boolean): Promise<void> => {
    const json = JSON.stringify(progress.latestState);
    const isRepeat = progress.lastWrittenState === json && progress.recordsSinceState === 0;
    if (isRepeat || (!force && progress.recordsSinceState === 0 && progress.lastWrittenState === null)) return;
    const line = JSON.stringify({
      type: 'STATE',
      state: {
        type: 'STREAM',
        stream: { stream_descriptor: { name: stream }, stream_state: progress.latestState },
        sourceStats: { recordCount: progress.recordsSinceState },
      },
    });
    progress.lastWrittenState = json;
    progress.recordsSinceState = 0;
    await writer.writeLine(line);
    // A STATE is flushed at once: it is what a retry resumes from.
    await writer.flush();
  };

  return {
    write(event: TapEvent) {
      switch (event.type) {
        case 'record': {
          const progress = progressOf(event.stream);
          progress.recordsSinceState++;
          const emittedAt = Date.parse(event.timeExtracted);
          const line = `{"type":"RECORD","record":{"stream":${JSON.stringify(event.stream)},"data":${JSON.stringify(event.record)},"emitted_at":${Number.isFinite(emittedAt) ? emittedAt : options.now()}}}`;
          if (!progress.isRunning) {
            // The protocol's STARTED -> RUNNING (first record) -> COMPLETE.
            progress.isRunning = true;
            const pending = writeStatus(event.stream, 'RUNNING');
            return pending ? pending.then(() => writer.writeLine(line)) : writer.writeLine(line);
          }
          return writer.writeLine(line);
        }
        case 'state': {
          const bookmarks = event.value.bookmarks;
          const pending: Promise<void>[] = [];
          for (const stream of current) {
            const progress = progressOf(stream);
            const bookmark = isObject(bookmarks) ? bookmarks[stream] : undefined;
            progress.latestState = isObject(bookmark) ? bookmark : {};
            // Before the stream's first record, a STATE would only echo the input state: wait for news.
            const written = writeState(stream, progress, false);
            if (written) pending.push(written);
          }
          return pending.length === 0 ? undefined : Promise.all(pending).then(() => undefined);
        }
        case 'stream_status': {
          const progress = progressOf(event.stream);
          if (event.status === 'STARTED') {
            current.add(event.stream);
            return writeStatus(event.stream, 'STARTED');
          }
          if (event.status === 'RUNNING') {
            if (progress.isRunning) return undefined;
            progress.isRunning = true;
            return writeStatus(event.stream, 'RUNNING');
          }
          if (event.status === 'COMPLETE') {
            current.delete(event.stream);
            return writeState(event.stream, progress, true).then(() => writeStatus(event.stream, 'COMPLETE'));
          }
          return writeStatus(event.stream, 'INCOMPLETE');
        }
        case 'schema':
        case 'activate_version':
          return undefined;
      }
    },
    flush: () => writer.flush(),
  };
}
