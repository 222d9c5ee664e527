import { UsageError } from '../errors.js';
import { closestMatch } from '../text.js';
import { type AirbyteStream, discoverAirbyteCatalog, type SyncMode } from './catalog.js';

export const DESTINATION_SYNC_MODES = ['append', 'overwrite', 'append_dedup'] as const;
export type DestinationSyncMode = (typeof DESTINATION_SYNC_MODES)[number];

/** `ConfiguredAirbyteStream`: a discovered stream with the modes a runner reads it in. */
export interface ConfiguredAirbyteStream {
  stream: AirbyteStream;
  sync_mode: SyncMode;
  destination_sync_mode: DestinationSyncMode;
  cursor_field?: string[];
  primary_key?: string[][];
}

export interface ConfiguredCatalogOptions {
  /** Wanted for every stream; a stream that supports only full_refresh gets full_refresh. Default incremental. */
  syncMode?: SyncMode;
  /** Default: append_dedup for incremental streams (upserts on the key), overwrite for full_refresh ones. */
  destinationSyncMode?: DestinationSyncMode;
  /** Stream names to include, in this order; default every stream. */
  streams?: readonly string[];
}

/**
 * The ConfiguredAirbyteCatalog that `read --catalog` takes, built from `discover`'s catalog: each stream in
 * the sync mode asked for when it supports it, with its source-defined cursor and primary key.
 */
export function buildConfiguredCatalog(options: ConfiguredCatalogOptions = {}): { streams: ConfiguredAirbyteStream[] } {
  const discovered = discoverAirbyteCatalog().streams;
  const names = options.streams ?? discovered.map((s) => s.name);
  const wanted = options.syncMode ?? 'incremental';
  return {
    streams: names.map((name) => {
      const stream = discovered.find((s) => s.name === name);
      if (!stream) {
        const hint = closestMatch(
          name,
          discovered.map((s) => s.name),
        );
        throw new UsageError(
          `Unknown stream "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; this source offers ${discovered.map((s) => s.name).join(', ')}.`,
        );
      }
      const syncMode: SyncMode = stream.supported_sync_modes.includes(wanted) ? wanted : 'full_refresh';
      const configured: ConfiguredAirbyteStream = {
        stream,
        sync_mode: syncMode,
        destination_sync_mode: options.destinationSyncMode ?? (syncMode === 'incremental' ? 'append_dedup' : 'overwrite'),
      };
      if (syncMode === 'incremental' && stream.default_cursor_field) configured.cursor_field = [...stream.default_cursor_field];
      if (stream.source_defined_primary_key) configured.primary_key = stream.source_defined_primary_key.map((k) => [...k]);
      return configured;
    }),
  };
}
