import { nearestName } from '../text.js';

/** One map of `stream_maps` that makes an output stream, read and checked but not yet bound to a schema. */
export interface StreamMapEntry {
  /** The `stream_maps` key (for messages). */
  key: string;
  /** The stream its records come from (`__source__`, else the key). */
  source: string;
  /** The output stream's name (`__alias__`, else the key). */
  name: string;
  /** True when the key is the source stream itself: this map replaces the stream rather than adding one. */
  isPrimary: boolean;
  filter: string | null;
  /** `__key_properties__` (null = no key); undefined = the source's key. */
  keyProperties: string[] | null | undefined;
  /** `"__else__": null`: only the key and the properties named here are kept. */
  isElseNull: boolean;
  /** Property maps in order: an expression, or null to remove the property. */
  properties: Array<[string, string | null]>;
}

export interface StreamMapsConfig {
  /** Maps that make or replace output streams. */
  entries: StreamMapEntry[];
  /** Source streams mapped to null: not written. */
  dropped: Set<string>;
  /** Top-level `"__else__": null`: streams no map names are not written. */
  dropsUnnamed: boolean;
}

const NULL_STRING = '__NULL__';
const OPTIONS = ['__alias__', '__source__', '__filter__', '__key_properties__', '__else__'];
const isNull = (value: unknown): boolean => value === null || value === NULL_STRING;
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads `stream_maps` as the Meltano SDK does (stream_maps.md): `S: null` (or `"__NULL__"`) drops stream S,
 * top-level `"__else__": null` drops every stream not named, and a map object renames (`__alias__`),
 * duplicates (`__source__`), filters (`__filter__`), re-keys (`__key_properties__`), keeps only what it names
 * (`"__else__": null`) and maps properties. Unlike the SDK, a key naming no stream (without `__source__`) is
 * an error rather than silently nothing: a typo in a map meant to hash PII must not let the PII through.
 */
export function readStreamMaps(raw: Record<string, unknown>, streamNames: readonly string[], problems: string[]): StreamMapsConfig {
  const config: StreamMapsConfig = { entries: [], dropped: new Set(), dropsUnnamed: false };
  const checkStream = (name: string, where: string, hint: string): boolean => {
    if (streamNames.includes(name)) return true;
    const nearest = nearestName(name, streamNames);
    problems.push(`${where}: "${name}" is not a stream of this tap${nearest ? ` (nearest: "${nearest}")` : ''}${hint}`);
    return false;
  };
  for (const [key, value] of Object.entries(raw)) {
    if (key === '__else__') {
      if (isNull(value)) config.dropsUnnamed = true;
      else problems.push(`stream_maps.__else__: only null (or "${NULL_STRING}") is supported, to drop every stream not named`);
      continue;
    }
    if (key.startsWith('__')) {
      problems.push(`stream_maps.${key}: unknown option (at the top level only "__else__" is supported)`);
      continue;
    }
    if (isNull(value)) {
      if (checkStream(key, `stream_maps.${key}`, '')) config.dropped.add(key);
      continue;
    }
    if (!isPlainObject(value)) {
      problems.push(`stream_maps.${key}: must be an object (a stream map), null or "${NULL_STRING}"; got ${JSON.stringify(value)}`);
      continue;
    }
    const entry = readEntry(key, value, problems);
    if (!entry) continue;
    const hint = entry.source === key ? '; to make a new stream from another, add "__source__"' : '';
    if (checkStream(entry.source, `stream_maps.${key}${entry.source === key ? '' : '.__source__'}`, hint)) config.entries.push(entry);
  }
  return config;
}

function readEntry(key: string, map: Record<string, unknown>, problems: string[]): StreamMapEntry | null {
  const before = problems.length;
  const where = (option: string) => `stream_maps.${key}.${option}`;
  const text = (option: string): string | undefined => {
    const value = map[option];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && value !== '') return value;
    problems.push(`${where(option)}: must be a non-empty string; got ${JSON.stringify(value)}`);
    return undefined;
  };
  const source = text('__source__') ?? key;
  const name = text('__alias__') ?? key;
  const filter = text('__filter__') ?? null;
  let keyProperties: string[] | null | undefined;
  const rawKeys = map.__key_properties__;
  if (rawKeys === null || (Array.isArray(rawKeys) && rawKeys.every((k) => typeof k === 'string'))) keyProperties = rawKeys;
  else if (rawKeys !== undefined) problems.push(`${where('__key_properties__')}: must be a list of property names or null`);
  const rawElse = map.__else__;
  if (rawElse !== undefined && !isNull(rawElse)) {
    problems.push(`${where('__else__')}: only null (or "${NULL_STRING}") is supported, to keep only the properties named`);
  }
  // A bad option makes the map meaningless; a bad property is skipped so the others are still checked.
  if (problems.length > before) return null;
  const properties: Array<[string, string | null]> = [];
  for (const [property, value] of Object.entries(map)) {
    if (OPTIONS.includes(property)) continue;
    if (property.startsWith('__') && property.endsWith('__')) {
      problems.push(`${where(property)}: unknown option (supported: ${OPTIONS.join(', ')})`);
    } else if (isNull(value)) properties.push([property, null]);
    else if (typeof value === 'string') properties.push([property, value]);
    else problems.push(`${where(property)}: must be an expression string, or null to remove the property; got ${JSON.stringify(value)}`);
  }
  return { key, source, name, isPrimary: source === key, filter, keyProperties, isElseNull: rawElse !== undefined, properties };
}
