/**
 * Contract for record normalization and validation (implemented next to this file).
 *
 * A normalizer is compiled once per stream from `schemas/<stream>.json` and then applied to every raw API
 * record: dates -> `YYYY-MM-DDTHH:MM:SSZ` (UTC, seconds), v2 decimal strings -> numbers, `""` dates -> null,
 * one JSON type per field, and fields the schema lacks dropped (reported once per field via the callback).
 */
export type JsonSchema = Record<string, unknown>;

export interface NormalizerOptions {
  /** Called once per distinct dropped field path (e.g. `orders.foo`, `orders.billing_address.bar`). */
  onUnknownField?: (path: string) => void;
}

export type RecordNormalizer = (raw: Record<string, unknown>) => Record<string, unknown>;

export interface ValidationProblem {
  /** JSON pointer-ish path of the offending field: `/billing_address/zip`. */
  field: string;
  /** Expected JSON type(s) from the schema, e.g. `number` or `string|null`. */
  expected: string;
  /** Actual JSON type of the value: `string`, `null`, `object`, ... */
  actual: string;
  /** ajv's message. */
  message: string;
}

/** Returns null when valid, else the first problem found. */
export type RecordValidator = (record: Record<string, unknown>) => ValidationProblem | null;
