import { ConfigError } from '../errors.js';
import type { JsonSchema } from '../normalize/types.js';
import { compileFlattener, FlatteningError, type FlatteningOptions } from './flatten.js';
import { type CompiledMap, compileStreamMap, DELETED_AT, type SourceStream } from './stream-map-compiler.js';
import { readStreamMaps } from './stream-map-config.js';

/** The Meltano SDK settings that shape output streams. */
export interface MapSettings {
  /** `stream_maps`; undefined when not set. */
  streamMaps?: Record<string, unknown>;
  /** `stream_map_config`: `config` in expressions. */
  streamMapConfig?: Record<string, unknown>;
  /** Set when `flattening_enabled`. */
  flattening?: FlatteningOptions;
}

/** One stream written to the target, made from one source stream's records. */
export interface OutputStream {
  name: string;
  source: string;
  keyProperties: string[];
  /** What SCHEMA carries: mapped, then flattened. */
  schema: JsonSchema;
  /** The output record, or null when the stream's `__filter__` drops it. */
  mapRecord(record: Record<string, unknown>): Record<string, unknown> | null;
  /** A tombstone (`_sdc_deleted_at` set): its key, mapped, and `_sdc_deleted_at`; never filtered out. */
  mapTombstone(record: Record<string, unknown>): Record<string, unknown>;
}

export interface MapPlan {
  /** The output streams of a source stream, primary first; [] when the stream is dropped. */
  outputsOf(source: string): readonly OutputStream[];
}

/** True when any setting asks for a transform: otherwise events go to the target untouched. */
export function hasMapSettings(settings: MapSettings): boolean {
  return (settings.streamMaps !== undefined && Object.keys(settings.streamMaps).length > 0) || settings.flattening !== undefined;
}

/**
 * Compiles `stream_maps` and flattening for the streams of this sync, once, before any request: every
 * problem (unknown stream or property, an expression outside the supported subset, a removed key) is reported
 * at once as a ConfigError (exit 2). `streamNames` are all the tap's streams (a map may name one the catalog
 * didn't select).
 */
export function compileMapPlan(settings: MapSettings, sources: readonly SourceStream[], streamNames: readonly string[]): MapPlan {
  const problems: string[] = [];
  const config = readStreamMaps(settings.streamMaps ?? {}, streamNames, problems);
  const outputs = new Map<string, OutputStream[]>();
  for (const source of sources) {
    const maps: CompiledMap[] = [];
    const primary = config.entries.find((e) => e.isPrimary && e.source === source.name);
    if (primary) {
      const compiled = compileStreamMap(primary, source, settings.streamMapConfig ?? {}, problems);
      if (compiled) maps.push(compiled);
    } else if (!config.dropped.has(source.name) && !config.dropsUnnamed) {
      maps.push(identityMap(source));
    }
    for (const entry of config.entries.filter((e) => !e.isPrimary && e.source === source.name)) {
      const compiled = compileStreamMap(entry, source, settings.streamMapConfig ?? {}, problems);
      if (compiled) maps.push(compiled);
    }
    outputs.set(
      source.name,
      maps.map((m) => finish(m, source.name, settings.flattening, problems)),
    );
  }
  const names = [...outputs.values()].flat().map((o) => o.name);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) {
    problems.push(`stream_maps: two output streams would be named "${name}"; give one an "__alias__"`);
  }
  if (problems.length > 0) {
    throw new ConfigError(
      `Invalid stream maps or flattening (${problems.length} problem${problems.length > 1 ? 's' : ''}): ${problems.join('; ')}. Fix the config (see README, "Stream maps and flattening") and run again.`,
    );
  }
  return { outputsOf: (source) => outputs.get(source) ?? [] };
}

/** A stream no map names: written as it is (flattened, when asked). */
function identityMap(source: SourceStream): CompiledMap {
  const keys = [...source.keyProperties];
  return {
    name: source.name,
    keyProperties: keys,
    schema: source.schema,
    mapRecord: (record) => record,
    mapKey(record) {
      const out: Record<string, unknown> = {};
      for (const key of keys) out[key] = record[key];
      out[DELETED_AT] = record[DELETED_AT];
      return out;
    },
  };
}

function finish(map: CompiledMap, source: string, flattening: FlatteningOptions | undefined, problems: string[]): OutputStream {
  const base = { name: map.name, source, keyProperties: map.keyProperties };
  if (!flattening) return { ...base, schema: map.schema, mapRecord: map.mapRecord, mapTombstone: map.mapKey };
  let flattener: ReturnType<typeof compileFlattener>;
  try {
    flattener = compileFlattener(map.schema, flattening);
  } catch (error) {
    if (!(error instanceof FlatteningError)) throw error;
    problems.push(`flattening stream "${map.name}": ${error.message}; lower flattening_max_depth or map one of the properties away`);
    return { ...base, schema: map.schema, mapRecord: map.mapRecord, mapTombstone: map.mapKey };
  }
  const columns = (flattener.schema.properties ?? {}) as Record<string, unknown>;
  for (const key of map.keyProperties) {
    if (!(key in columns))
      problems.push(`flattening stream "${map.name}": the key property "${key}" is an object and would be flattened away`);
  }
  return {
    ...base,
    schema: flattener.schema,
    mapRecord(record) {
      const mapped = map.mapRecord(record);
      return mapped === null ? null : flattener.flatten(mapped);
    },
    mapTombstone: (record) => flattener.flatten(map.mapKey(record)),
  };
}
