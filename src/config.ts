import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parseUserDate } from './dates.js';
import { ConfigError } from './errors.js';
import { readPackageJson, schemasDir } from './paths.js';
import { closestMatch } from './text.js';

/** The typed config every module receives: snake_case keys mapped once to camelCase. */
export interface TapConfig {
  storeHash: string;
  accessToken: string;
  /** Epoch ms. */
  startDateMs: number;
  endDateMs?: number;
  /** Multi-storefront: only these channels (undefined: all). */
  channelIds?: number[];
  clientId?: string;
  apiUrl: string;
  pageSize: number;
  maxConcurrency: number;
  requestTimeoutMs: number;
  maxRetries: number;
  onInvalidRecord: 'fail' | 'warn';
  emitActivateVersionMessages: boolean;
  /** Every unreadable selected stream fails the run (not only the original four). */
  strictScopes: boolean;
  /** Read embeddable details (order line items, addresses, consignments, fees) from the list where proven complete. */
  embeddedDetails: boolean;
  /** Scan ids at the end of a stream to notice deleted and archived records. */
  detectDeletes: boolean;
  /** Minimum time between two deletion scans of a stream. */
  deleteScanIntervalMs: number;
  userAgent: string;
  /** `stream_maps` (Meltano SDK), checked and compiled against the selected streams by src/maps/. */
  streamMaps?: Record<string, unknown>;
  /** `stream_map_config`: `config` in stream map expressions. */
  streamMapConfig?: Record<string, unknown>;
  /** Set when `flattening_enabled` is true. */
  flattening?: { maxDepth: number; maxKeyLength: number };
}

export type RawConfig = Record<string, unknown>;

export const ENV_PREFIX = 'TAP_BIGCOMMERCE_';

let cachedSchema: Record<string, unknown> | undefined;

/** The config JSON Schema (`schemas/config.json`): the one source of truth for keys, types and defaults. */
export function configSchema(): { properties: Record<string, Record<string, unknown>>; required: string[] } & Record<string, unknown> {
  cachedSchema ??= JSON.parse(readFileSync(join(schemasDir, 'config.json'), 'utf8')) as Record<string, unknown>;
  return cachedSchema as ReturnType<typeof configSchema>;
}

/** Names of secret settings: never printed. */
export function secretKeys(): string[] {
  return Object.entries(configSchema().properties)
    .filter(([, p]) => p.secret === true)
    .map(([k]) => k);
}

/**
 * Reads and merges config sources left to right: each a JSON file path, or the literal `ENV`, which reads
 * `TAP_BIGCOMMERCE_<KEY>` environment variables (coerced by the schema's types, as the Meltano SDK does).
 * The environment wins over files wherever `ENV` appears.
 */
export function readConfigSources(sources: readonly string[], env: NodeJS.ProcessEnv = process.env): RawConfig {
  const merged: RawConfig = {};
  const fromEnv = sources.includes('ENV') ? configFromEnv(env) : {};
  for (const source of sources) {
    if (source === 'ENV') continue;
    Object.assign(merged, readConfigFile(source));
  }
  return Object.assign(merged, fromEnv);
}

function readConfigFile(path: string): RawConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`Cannot read config file ${path} (${code}): check the --config path.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Config file ${path} is not valid JSON (${(error as Error).message}): fix the file.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`Config file ${path} must hold a JSON object of settings, e.g. {"store_hash": "abc123", ...}.`);
  }
  return parsed as RawConfig;
}

/** Settings from `TAP_BIGCOMMERCE_<KEY>` environment variables, coerced by the schema's types. */
export function configFromEnv(env: NodeJS.ProcessEnv): RawConfig {
  const out: RawConfig = {};
  for (const [key, property] of Object.entries(configSchema().properties)) {
    const value = env[ENV_PREFIX + key.toUpperCase()];
    if (value === undefined) continue;
    const type = property.type;
    if (type === 'integer' || type === 'number') {
      const n = Number(value);
      out[key] = value.trim() !== '' && Number.isFinite(n) ? n : value;
    } else if (type === 'boolean') {
      out[key] = ['true', '1', 'yes', 'on'].includes(value.trim().toLowerCase());
    } else if (type === 'array' || type === 'object') {
      out[key] = parseStructured(value, type);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** JSON, as the Meltano SDK reads array and object settings from the environment (arrays also as `a,b,c`). */
function parseStructured(value: string, type: 'array' | 'object'): unknown {
  try {
    return JSON.parse(value);
  } catch {
    if (type === 'object') return value;
    return value.split(',').map((part) => (part.trim() !== '' && Number.isFinite(Number(part)) ? Number(part) : part.trim()));
  }
}

const STORE_HASH = /^[a-z0-9]{1,32}$/i;

/** A bare hash, a store domain or an API path -> the bare hash; null when the value can't be one. */
export function normalizeStoreHash(value: string): string | null {
  const trimmed = value.trim();
  const fromPath = /(?:^|\/)stores\/([a-z0-9]+)(?:\/|$)/i.exec(trimmed);
  if (fromPath) return fromPath[1]!;
  const fromDomain = /^(?:https?:\/\/)?store-([a-z0-9]+)\.mybigcommerce\.com\/?/i.exec(trimmed);
  if (fromDomain) return fromDomain[1]!;
  return STORE_HASH.test(trimmed) ? trimmed : null;
}

function describeAjvError(error: ErrorObject): string {
  const key = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return `${missing}: required but missing`;
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
    return `${key}: must be one of ${allowed}`;
  }
  return `${key}: ${error.message ?? 'is invalid'}`;
}

export interface ConfigParseResult {
  config: TapConfig;
  /** Warnings for the log: unknown keys, with "did you mean" hints. */
  warnings: string[];
}

/** Validates a raw config against the schema and maps it to a TapConfig. Every problem is reported at once. */
export function parseConfig(raw: RawConfig): ConfigParseResult {
  const schema = configSchema();
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, useDefaults: false });
  const validate = ajv.compile(schema);
  const problems: string[] = [];
  if (!validate(raw)) {
    for (const error of validate.errors ?? []) problems.push(describeAjvError(error));
  }

  const known = Object.keys(schema.properties);
  const unknownKeys = Object.keys(raw)
    .filter((key) => !known.includes(key))
    .map((key) => ({ key, hint: closestMatch(key, known) }));
  const didYouMean = (hint: string | undefined) => (hint ? ` (did you mean "${hint}"?)` : '');
  const warnings = unknownKeys.map(({ key, hint }) => `Unknown config key "${key}" is ignored${didYouMean(hint)}.`);

  let storeHash = '';
  if (typeof raw.store_hash === 'string') {
    const normalized = normalizeStoreHash(raw.store_hash);
    if (normalized === null) {
      problems.push(
        `store_hash: "${raw.store_hash}" is not a store hash; a store hash is the short id such as abc123 in the API path https://api.bigcommerce.com/stores/abc123/v3/ shown when you create an API account (Settings > API > Store-level API accounts)`,
      );
    } else storeHash = normalized;
  }

  const dateOf = (key: 'start_date' | 'end_date'): number | undefined => {
    const value = raw[key];
    if (typeof value !== 'string') return undefined;
    const dt = parseUserDate(value);
    if (!dt) {
      problems.push(`${key}: "${value}" is not a date; use ISO 8601 (2024-01-31T00:00:00Z) or MM/DD/YYYY`);
      return undefined;
    }
    return dt.toMillis();
  };
  const startDateMs = dateOf('start_date');
  const endDateMs = dateOf('end_date');
  if (startDateMs !== undefined && endDateMs !== undefined && endDateMs < startDateMs) {
    problems.push('end_date: must not be before start_date');
  }

  let apiUrl = 'https://api.bigcommerce.com';
  if (typeof raw.api_url === 'string') {
    try {
      const url = new URL(raw.api_url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
      apiUrl = raw.api_url.replace(/\/+$/, '');
    } catch {
      problems.push(`api_url: "${raw.api_url}" is not an http(s) URL; use the base URL such as https://api.bigcommerce.com`);
    }
  }
  if (typeof raw.access_token === 'string' && raw.access_token.trim() === '') {
    problems.push('access_token: must not be empty');
  }
  const maps = readMapSettings(raw, problems, warnings);

  if (problems.length > 0) {
    // A misspelt key is often why a required one is missing: name it in the same list.
    for (const { key, hint } of unknownKeys) problems.push(`${key}: unknown key${didYouMean(hint)}`);
    const list = problems.join('; ');
    throw new ConfigError(
      `Invalid config (${problems.length} problem${problems.length > 1 ? 's' : ''}): ${list}. Fix the config file and run again.`,
    );
  }

  const num = (key: string, fallback: number): number => (typeof raw[key] === 'number' ? (raw[key] as number) : fallback);
  const config: TapConfig = {
    storeHash,
    accessToken: (raw.access_token as string).trim(),
    startDateMs: startDateMs!,
    apiUrl,
    pageSize: num('page_size', 250),
    maxConcurrency: num('max_concurrency', 8),
    requestTimeoutMs: num('request_timeout_s', 300) * 1000,
    maxRetries: num('max_retries', 5),
    onInvalidRecord: raw.on_invalid_record === 'warn' ? 'warn' : 'fail',
    emitActivateVersionMessages: raw.emit_activate_version_messages !== false,
    strictScopes: raw.strict_scopes === true,
    embeddedDetails: raw.embedded_details !== false,
    detectDeletes: raw.detect_deletes !== false,
    deleteScanIntervalMs: num('delete_scan_interval_hours', 0) * 3_600_000,
    userAgent:
      typeof raw.user_agent === 'string' && raw.user_agent !== '' ? raw.user_agent : `tap-bigcommerce/${readPackageJson().version}`,
  };
  if (endDateMs !== undefined) config.endDateMs = endDateMs;
  if (Array.isArray(raw.channel_ids)) config.channelIds = [...new Set(raw.channel_ids as number[])].sort((a, b) => a - b);
  if (typeof raw.client_id === 'string') config.clientId = raw.client_id;
  Object.assign(config, maps);
  return { config, warnings };
}

/** The stream map and flattening settings; flattening needs a depth, and a depth without flattening is noted. */
function readMapSettings(
  raw: RawConfig,
  problems: string[],
  warnings: string[],
): Pick<TapConfig, 'streamMaps' | 'streamMapConfig' | 'flattening'> {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  const settings: Pick<TapConfig, 'streamMaps' | 'streamMapConfig' | 'flattening'> = {};
  if (isObject(raw.stream_maps)) settings.streamMaps = raw.stream_maps;
  if (isObject(raw.stream_map_config)) settings.streamMapConfig = raw.stream_map_config;
  const depth = raw.flattening_max_depth;
  if (raw.flattening_enabled === true) {
    if (typeof depth === 'number') {
      const maxKeyLength = typeof raw.flattening_max_key_length === 'number' ? raw.flattening_max_key_length : 255;
      settings.flattening = { maxDepth: depth, maxKeyLength };
    } else if (depth === undefined) {
      problems.push('flattening_max_depth: required when flattening_enabled is true (e.g. 1 for parent__child columns)');
    }
  } else if (depth !== undefined || raw.flattening_max_key_length !== undefined) {
    warnings.push(
      'flattening_max_depth and flattening_max_key_length take effect only with flattening_enabled: true; nothing is flattened.',
    );
  }
  return settings;
}
