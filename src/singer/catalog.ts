import { readFileSync } from 'node:fs';
import { CatalogError } from '../errors.js';
import { loadStreamSchema } from '../normalize/load-schema.js';
import { deselectInSchema } from '../normalize/nested-deselection.js';
import type { JsonSchema } from '../normalize/types.js';
import { findStream, STREAMS } from '../streams/index.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import { automaticFields, replicationKeyOf, replicationMethodOf, type StreamDefinition } from '../streams/types.js';
import { closestMatch } from '../text.js';
import { readNestedSelection } from './nested-breadcrumbs.js';

export interface MetadataEntry {
  breadcrumb: string[];
  metadata: Record<string, unknown>;
}

export interface CatalogEntry {
  tap_stream_id: string;
  stream: string;
  schema: JsonSchema;
  metadata: MetadataEntry[];
  key_properties?: string[];
}

export interface Catalog {
  streams: CatalogEntry[];
}

/** The catalog `--discover` prints: one entry per stream, metadata per the Singer spec. */
export function discoverCatalog(): Catalog {
  return { streams: STREAMS.map(catalogEntry) };
}

/** One stream's catalog entry: schema, key, and metadata per the Singer spec. */
export function catalogEntry(definition: StreamDefinition): CatalogEntry {
  const schema = loadStreamSchema(definition.name);
  const automatic = automaticFields(definition);
  const replication = definition.replication;
  const streamMetadata: Record<string, unknown> = {
    'table-key-properties': [...definition.key],
    'valid-replication-keys': replication.method === 'INCREMENTAL' ? [replication.replicationKey] : [],
    'selected-by-default': definition.isSelectedByDefault,
    inclusion: 'available',
  };
  if (replication.method === 'INCREMENTAL') {
    streamMetadata['replication-method'] = 'INCREMENTAL';
    streamMetadata['replication-key'] = replication.replicationKey;
  } else if (replication.method === 'CHILD') {
    // Replicated with its parent's walk and bookmark: incremental, with no replication key of its own.
    streamMetadata['replication-method'] = 'INCREMENTAL';
    streamMetadata['parent-tap-stream-id'] = replication.parent;
  } else {
    streamMetadata['forced-replication-method'] = 'FULL_TABLE';
    streamMetadata['replication-method'] = 'FULL_TABLE';
  }
  const properties = Object.keys((schema.properties ?? {}) as Record<string, unknown>);
  return {
    tap_stream_id: definition.name,
    stream: definition.name,
    key_properties: [...definition.key],
    schema,
    metadata: [
      { breadcrumb: [], metadata: streamMetadata },
      ...properties.map((property) => ({
        breadcrumb: ['properties', property],
        metadata: { inclusion: automatic.includes(property) ? 'automatic' : 'available', 'selected-by-default': true },
      })),
    ],
  };
}

export function readCatalogFile(path: string): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CatalogError(
      `Cannot read catalog file ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}): check the --catalog path.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CatalogError(`Catalog file ${path} is not valid JSON (${(error as Error).message}): regenerate it with --discover.`);
  }
  if (raw === null || typeof raw !== 'object' || !Array.isArray((raw as Catalog).streams)) {
    throw new CatalogError(`Catalog file ${path} has no "streams" array: regenerate it with --discover.`);
  }
  return raw as Catalog;
}

const metadataAt = (entry: CatalogEntry, breadcrumb: string[]): Record<string, unknown> | undefined =>
  (entry.metadata ?? []).find(
    (m) => Array.isArray(m.breadcrumb) && m.breadcrumb.length === breadcrumb.length && m.breadcrumb.every((b, i) => b === breadcrumb[i]),
  )?.metadata;

/** Streams to sync with no catalog: every stream selected by default, every field, default replication. */
export function selectAll(): SelectedStream[] {
  return STREAMS.filter((s) => s.isSelectedByDefault).map((definition) => ({
    definition,
    schema: loadStreamSchema(definition.name),
    selectedFields: null,
    replicationMethod: replicationMethodOf(definition),
  }));
}

/**
 * Applies a Singer catalog: stream selection (`selected` in the `[]` metadata, the legacy `schema.selected`,
 * else `selected-by-default`), top-level field deselection (automatic fields always stay), and the
 * replication method. Nested breadcrumbs deselect nested properties (see `readNestedSelection`).
 */
export function selectFromCatalog(catalog: Catalog, warn: (message: string) => void): SelectedStream[] {
  const selected: SelectedStream[] = [];
  for (const entry of catalog.streams) {
    const name = entry.tap_stream_id ?? entry.stream;
    const definition = typeof name === 'string' ? findStream(name) : undefined;
    if (!definition) {
      throw new CatalogError(
        `The catalog names an unknown stream "${String(name)}"; this tap offers ${STREAMS.map((s) => s.name).join(', ')}: regenerate the catalog with --discover.`,
      );
    }
    const streamMetadata = metadataAt(entry, []) ?? {};
    const legacy = (entry.schema as { selected?: unknown } | undefined)?.selected;
    const isSelected =
      typeof streamMetadata.selected === 'boolean'
        ? streamMetadata.selected
        : typeof legacy === 'boolean'
          ? legacy
          : streamMetadata['selected-by-default'] !== false;
    if (!isSelected) continue;

    const requested = streamMetadata['replication-method'] ?? streamMetadata['forced-replication-method'];
    const defaultMethod = replicationMethodOf(definition);
    let replicationMethod = defaultMethod;
    if (requested !== undefined) {
      if (requested === 'FULL_TABLE') replicationMethod = 'FULL_TABLE';
      else if (requested === 'INCREMENTAL' && defaultMethod === 'INCREMENTAL') replicationMethod = 'INCREMENTAL';
      else {
        throw new CatalogError(
          `The catalog asks for replication-method ${JSON.stringify(requested)} on "${definition.name}", which supports ${defaultMethod === 'INCREMENTAL' ? 'INCREMENTAL or FULL_TABLE' : 'FULL_TABLE only'}: fix the catalog metadata.`,
        );
      }
    }
    const replicationKey = streamMetadata['replication-key'];
    const validKey = replicationKeyOf(definition);
    if (replicationKey !== undefined && replicationMethod === 'INCREMENTAL' && replicationKey !== validKey) {
      throw new CatalogError(
        `The catalog asks for replication-key ${JSON.stringify(replicationKey)} on "${definition.name}"; valid: ${validKey ?? 'none (it replicates with its parent)'}: fix the catalog metadata.`,
      );
    }

    const fullSchema = loadStreamSchema(definition.name);
    const properties = (fullSchema.properties ?? {}) as Record<string, unknown>;
    warnUnknownDeselections(entry, definition.name, Object.keys(properties), warn);
    const automatic = automaticFields(definition);
    const fields = new Set<string>();
    let deselected = false;
    for (const property of Object.keys(properties)) {
      const m = metadataAt(entry, ['properties', property]);
      const isFieldSelected =
        automatic.includes(property) || (m?.selected !== false && !(m?.selected === undefined && m?.['selected-by-default'] === false));
      if (isFieldSelected) fields.add(property);
      else deselected = true;
    }
    const nested = readNestedSelection(
      definition.name,
      fullSchema,
      entry.metadata ?? [],
      (property) => Boolean(properties[property]) && !fields.has(property),
    );
    for (const warning of nested.warnings) warn(warning);
    const topLevelSchema = deselected
      ? { ...fullSchema, properties: Object.fromEntries(Object.entries(properties).filter(([k]) => fields.has(k))) }
      : fullSchema;
    const schema = nested.tree ? deselectInSchema(topLevelSchema, nested.tree) : topLevelSchema;
    selected.push({
      definition,
      schema,
      selectedFields: deselected ? fields : null,
      replicationMethod,
      ...(nested.tree ? { nestedDeselection: nested.tree } : {}),
    });
  }
  return selected;
}

/**
 * A deselected top-level field the schema doesn't have (a typo such as `shiping_addresses`) deselects nothing,
 * and the requests it meant to save are still made: say so, with the nearest real field.
 */
export function warnUnknownDeselections(
  entry: CatalogEntry,
  stream: string,
  fields: readonly string[],
  warn: (message: string) => void,
): void {
  for (const m of entry.metadata ?? []) {
    const [step, field] = Array.isArray(m.breadcrumb) ? m.breadcrumb : [];
    if (m.breadcrumb.length !== 2 || step !== 'properties' || field === undefined || fields.includes(field)) continue;
    if (m.metadata?.selected !== false) continue;
    const hint = closestMatch(field, fields);
    warn(
      `The catalog deselects "${field}" in stream "${stream}", which has no such field${hint ? ` (did you mean "${hint}"?)` : ''}: nothing is deselected; fix the catalog's breadcrumb.`,
    );
  }
}
