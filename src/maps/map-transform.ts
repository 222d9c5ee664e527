import type { EventSink, TapEvent } from '../sync/events.js';
import type { MapPlan } from './map-plan.js';
import { DELETED_AT } from './stream-map-compiler.js';

/** Turns one engine event into the events the target gets (none, one, or one per output stream). */
export type EventTransform = (event: TapEvent) => TapEvent[];

/**
 * Applies stream maps and flattening to the engine's events, between the engine and a protocol sink:
 * - `schema`, `activate_version`, `stream_status`: one per output stream of the source stream (a renamed or
 *   duplicated full-table stream gets its own ACTIVATE_VERSION); none for a dropped stream.
 * - `record`: mapped, filtered and flattened per output stream. A tombstone (`_sdc_deleted_at` set) is never
 *   filtered out and keeps only its key (mapped) and `_sdc_deleted_at`.
 * - `state`: unchanged: bookmarks stay keyed by the source stream, so a rename never resets a bookmark.
 */
export function createMapTransform(plan: MapPlan): EventTransform {
  return (event) => {
    switch (event.type) {
      case 'state':
        return [event];
      case 'record': {
        const outputs = plan.outputsOf(event.stream);
        const isTombstone = event.record[DELETED_AT] !== undefined && event.record[DELETED_AT] !== null;
        const out: TapEvent[] = [];
        for (const output of outputs) {
          const record = isTombstone ? output.mapTombstone(event.record) : output.mapRecord(event.record);
          if (record !== null) out.push({ ...event, stream: output.name, record });
        }
        return out;
      }
      case 'schema':
        return plan.outputsOf(event.stream).map((output) => {
          const columns = (output.schema.properties ?? {}) as Record<string, unknown>;
          return {
            type: 'schema',
            stream: output.name,
            schema: output.schema,
            keyProperties: output.keyProperties,
            bookmarkProperties: event.bookmarkProperties.filter((p) => p in columns),
          };
        });
      case 'activate_version':
      case 'stream_status':
        return plan.outputsOf(event.stream).map((output) => ({ ...event, stream: output.name }));
    }
  };
}

/** A sink that writes each event's transformed events, in order, to `sink` (keeping its backpressure). */
export function transformingSink(sink: EventSink, transform: EventTransform): EventSink {
  return {
    write(event) {
      const events = transform(event);
      for (let i = 0; i < events.length; i++) {
        const pending = sink.write(events[i]!);
        if (pending) return pending.then(() => writeRest(sink, events, i + 1));
      }
      return undefined;
    },
    flush: () => sink.flush(),
  };
}

async function writeRest(sink: EventSink, events: TapEvent[], from: number): Promise<void> {
  for (let i = from; i < events.length; i++) await sink.write(events[i]!);
}
