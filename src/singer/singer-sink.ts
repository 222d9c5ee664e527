import type { Writable } from 'node:stream';
import type { EventSink, TapEvent } from '../sync/events.js';
import { LineWriter } from './line-writer.js';

/** Serializes engine events as Singer messages, one JSON object per line. */
export function createSingerSink(out: Writable, options: { chunkChars?: number } = {}): EventSink {
  const writer = new LineWriter(out, options);
  return {
    write(event: TapEvent) {
      switch (event.type) {
        case 'record': {
          // Hand-assembled to avoid an intermediate object per record on the hot path.
          const version = event.version === undefined ? '' : `,"version":${event.version}`;
          return writer.writeLine(
            `{"type":"RECORD","stream":${JSON.stringify(event.stream)},"record":${JSON.stringify(event.record)}${version},"time_extracted":"${event.timeExtracted}"}`,
          );
        }
        case 'schema':
          return writer.writeLine(
            JSON.stringify({
              type: 'SCHEMA',
              stream: event.stream,
              schema: event.schema,
              key_properties: event.keyProperties,
              bookmark_properties: event.bookmarkProperties,
            }),
          );
        case 'state': {
          const pending = writer.writeLine(JSON.stringify({ type: 'STATE', value: event.value }));
          // A STATE is flushed at once: it is what a crash resumes from.
          return pending ?? writer.flush();
        }
        case 'activate_version':
          return writer.writeLine(JSON.stringify({ type: 'ACTIVATE_VERSION', stream: event.stream, version: event.version }));
        case 'stream_status':
          return undefined;
      }
    },
    flush: () => writer.flush(),
  };
}
