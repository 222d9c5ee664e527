import type { SelectedStream } from '../streams/selected-stream.js';
import { replicationKeyOf } from '../streams/types.js';
import type { TapEvent } from './events.js';

/** The SCHEMA event of a selected stream: its selected schema, key and (incremental) bookmark property. */
export function schemaEventOf(selected: SelectedStream): TapEvent {
  const key = replicationKeyOf(selected.definition);
  return {
    type: 'schema',
    stream: selected.definition.name,
    schema: selected.schema,
    keyProperties: selected.definition.key,
    bookmarkProperties: selected.replicationMethod === 'INCREMENTAL' && key ? [key] : [],
  };
}
