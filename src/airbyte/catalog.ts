import { CatalogError } from '../errors.js';
import { loadStreamSchema } from '../normalize/load-schema.js';
import type { JsonSchema } from '../normalize/types.js';
import { findStream, STREAMS } from '../streams/index.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import { automaticFields, replicationKeyOf, replicationMethodOf, type StreamDefinition } from '../streams/types.js';

export type SyncMode = 'full_refresh' | 'incremental';

/** `AirbyteStream`: what `discover` offers. */
export interface AirbyteStream {
  name: string;
  json_schema: JsonSchema;
  supported_sync_modes: SyncMode[];
  source_defined_cursor?: boolean;
  default_cursor_field?: string[];
  source_defined_primary_key?: string[][];
}

export interface AirbyteCatalog {
  streams: AirbyteStream[];
}

function airbyteStream(definition: StreamDefinition): AirbyteStream {
  const isIncremental = replicationMethodOf(definition) === 'INCREMENTAL';
  const stream: AirbyteStream = {
    name: definition.name,
    json_schema: loadStreamSchema(definition.name),
    supported_sync_modes: isIncremental ? ['full_refresh', 'incremental'] : ['full_refresh'],
  };
  if (isIncremental) {
    // A child stream's cursor is its parent's (it has no field of its own): source-defined, with no default field.
    stream.source_defined_cursor = true;
    const key = replicationKeyOf(definition);
    if (key) stream.default_cursor_field = [key];
  }
  stream.source_defined_primary_key = definition.key.map((key) => [key]);
  return stream;
}

/** The CATALOG of `discover`: every stream, its schema, sync modes, cursor and primary key. */
export function discoverAirbyteCatalog(): AirbyteCatalog {
  return { streams: STREAMS.map(airbyteStream) };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A ConfiguredAirbyteCatalog -> the engine's streams, in catalog order. `sync_mode: full_refresh` on an
 * incremental stream reads it whole (FULL_TABLE: its bookmark is ignored); the configured `json_schema`
 * selects top-level fields (primary key and cursor always stay).
 */
export function selectFromConfiguredCatalog(raw: unknown, where = 'configured catalog'): SelectedStream[] {
  if (!isObject(raw) || !Array.isArray(raw.streams)) {
    throw new CatalogError(
      `The ${where} must be a JSON object with a "streams" array (a ConfiguredAirbyteCatalog): build it from the discover output.`,
    );
  }
  const selected: SelectedStream[] = [];
  const seen = new Set<string>();
  for (const [index, item] of raw.streams.entries()) {
    const stream = isObject(item) && isObject(item.stream) ? item.stream : undefined;
    const name = stream?.name;
    if (!isObject(item) || typeof name !== 'string') {
      throw new CatalogError(
        `The ${where} has a stream at index ${index} without "stream.name": every item needs {"stream": {...}, "sync_mode": ..., "destination_sync_mode": ...}.`,
      );
    }
    const definition = findStream(name);
    if (!definition) {
      throw new CatalogError(
        `The ${where} names an unknown stream "${name}"; this source offers ${STREAMS.map((s) => s.name).join(', ')}: rebuild it from the discover output.`,
      );
    }
    if (seen.has(name)) throw new CatalogError(`The ${where} lists stream "${name}" twice: keep one.`);
    seen.add(name);

    const syncMode = item.sync_mode;
    let replicationMethod: SelectedStream['replicationMethod'];
    if (syncMode === 'full_refresh') replicationMethod = 'FULL_TABLE';
    else if (syncMode === 'incremental' && replicationMethodOf(definition) === 'INCREMENTAL') replicationMethod = 'INCREMENTAL';
    else {
      const supported = replicationMethodOf(definition) === 'INCREMENTAL' ? 'full_refresh or incremental' : 'full_refresh only';
      throw new CatalogError(
        `The ${where} asks for sync_mode ${JSON.stringify(syncMode)} on "${name}", which supports ${supported}: fix the configured catalog.`,
      );
    }

    const fullSchema = loadStreamSchema(definition.name);
    const allProperties = (fullSchema.properties ?? {}) as Record<string, unknown>;
    const configuredProperties =
      stream && isObject(stream.json_schema) && isObject(stream.json_schema.properties) ? stream.json_schema.properties : null;
    let selectedFields: Set<string> | null = null;
    let schema = fullSchema;
    if (configuredProperties) {
      const keep = new Set(automaticFields(definition));
      const fields = new Set(Object.keys(allProperties).filter((key) => key in configuredProperties || keep.has(key)));
      if (fields.size < Object.keys(allProperties).length) {
        selectedFields = fields;
        schema = { ...fullSchema, properties: Object.fromEntries(Object.entries(allProperties).filter(([key]) => fields.has(key))) };
      }
    }
    selected.push({ definition, schema, selectedFields, replicationMethod });
  }
  return selected;
}
