import type { NestedDeselection } from '../normalize/nested-deselection.js';
import type { JsonSchema } from '../normalize/types.js';
import type { ReplicationMethod, StreamDefinition } from './types.js';

/** A stream chosen for this sync, with the schema narrowed to the selected fields. */
export interface SelectedStream {
  definition: StreamDefinition;
  /** The full stream schema narrowed to the selected properties: what SCHEMA carries. */
  schema: JsonSchema;
  /** Selected top-level properties; null = all. */
  selectedFields: ReadonlySet<string> | null;
  replicationMethod: ReplicationMethod;
  /** Nested properties deselected in the catalog (already removed from `schema`); absent = none. */
  nestedDeselection?: NestedDeselection;
  /** Deletion detection is on: live records carry `_sdc_deleted_at: null` (the column is in `schema`). */
  hasDeletedAt?: boolean;
}
