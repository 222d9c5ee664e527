import type { TapConfig } from '../../config.js';
import type { SelectedStream } from '../../streams/selected-stream.js';

/** The column Singer targets with hard delete read (pipelinewise-target-postgres, target-snowflake, SDK targets). */
export const DELETED_AT = '_sdc_deleted_at';

/**
 * With `detect_deletes` on, streams whose records can be hard-deleted get a nullable `_sdc_deleted_at` date-time
 * in their SCHEMA: live records carry null, tombstones the UTC second the tap noticed the deletion. Not
 * `required`, so a tombstone with only the key and this column is valid.
 */
export function withDeletedAtColumns(streams: readonly SelectedStream[], config: TapConfig): SelectedStream[] {
  if (!config.detectDeletes) return [...streams];
  return streams.map((selected) => {
    if (selected.definition.deletions?.kind !== 'hard') return selected;
    const properties = (selected.schema.properties ?? {}) as Record<string, unknown>;
    return {
      ...selected,
      schema: { ...selected.schema, properties: { ...properties, [DELETED_AT]: { type: ['null', 'string'], format: 'date-time' } } },
      hasDeletedAt: true,
    };
  });
}
