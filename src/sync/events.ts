import type { JsonSchema } from '../normalize/types.js';

/**
 * What the sync engine yields. It knows nothing about wire formats: a protocol writer (Singer, Airbyte)
 * serializes these.
 */
export type TapEvent =
  | { type: 'schema'; stream: string; schema: JsonSchema; keyProperties: readonly string[]; bookmarkProperties: readonly string[] }
  | { type: 'record'; stream: string; record: Record<string, unknown>; timeExtracted: string; version?: number }
  | { type: 'state'; value: Record<string, unknown> }
  | { type: 'activate_version'; stream: string; version: number }
  | { type: 'stream_status'; stream: string; status: 'STARTED' | 'RUNNING' | 'COMPLETE' | 'INCOMPLETE' };

/** Consumes events; resolves when the event may be followed by the next one (backpressure). */
export interface EventSink {
  write(event: TapEvent): void | Promise<void>;
  /** Flush buffered output; resolves once handed to the OS. */
  flush(): Promise<void>;
}
