import type { Writable } from 'node:stream';
import type { EventSink, TapEvent } from '../sync/events.js';
import { LineWriter } from './line-writer.js';

/** Serializes engine events as Singer messages, one JSON object per line. */
export function createSingerSink(out: Writable, options: { chunkBytes?: number } = {}): EventSink {
  const writer = new LineWriter(out, options);
  // A RECORD line is hand-assembled (no intermediate object per record): its head depends on the stream only,
  // its tail on the batch (version, time_extracted), so both are built once, not per record.
  const heads = new Map<string, string>();
  let tailOf = { version: undefined as number | undefined, timeExtracted: '', tail: '' };
  return {
    write(event: TapEvent) {
      switch (event.type) {
        case 'record': {
          let head = heads.get(event.stream);
          if (head === undefined) {
            head = `{"type":"RECORD","stream":${JSON.stringify(event.stream)},"record":`;
            heads.set(event.stream, head);
          }
          if (tailOf.version !== event.version || tailOf.timeExtracted !== event.timeExtracted) {
            const version = event.version === undefined ? '' : `,"version":${event.version}`;
            tailOf = {
              version: event.version,
              timeExtracted: event.timeExtracted,
              tail: `${version},"time_extracted":"${event.timeExtracted}"}`,
            };
          }
          return writer.writeParts(head, JSON.stringify(event.record), tailOf.tail);
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
