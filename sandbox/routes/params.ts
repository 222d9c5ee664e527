import type { ResolvedOptions } from '../options.js';
import { parseFilterDate } from '../parse-date.js';
import type { Range } from '../query.js';
import { type Reply, v2Error, v3Error } from '../responses.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 250;

export type ApiVersion = 'v2' | 'v3';
export type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };

/** A filter value the endpoint can't read: v2 400 `The field 'x' is invalid.`, v3 422 naming the filter. */
export function invalidFilter(version: ApiVersion, param: string, what: string): { ok: false; reply: Reply } {
  return version === 'v2'
    ? { ok: false, reply: v2Error(400, `The field '${param}' is invalid.`) }
    : { ok: false, reply: v3Error(422, `The filter ${param} is invalid: ${what}.`, { [param]: what }) };
}

/** `limit` (default 50, max 250: 413 or cap) and 1-based `page`; garbage falls back to the defaults. */
export function readPaging(query: URLSearchParams, version: ApiVersion, options: ResolvedOptions): Parsed<{ limit: number; page: number }> {
  let limit = Number.parseInt(query.get('limit') ?? '', 10);
  if (!Number.isFinite(limit) || limit < 1) limit = DEFAULT_LIMIT;
  if (limit > MAX_LIMIT) {
    if (options.oversizeLimit === 'cap') limit = MAX_LIMIT;
    else if (version === 'v2') return { ok: false, reply: v2Error(413, `The limit parameter exceeded the maximum of ${MAX_LIMIT}.`) };
    else return { ok: false, reply: v3Error(413, `The limit parameter exceeded the maximum of ${MAX_LIMIT}.`) };
  }
  let page = Number.parseInt(query.get('page') ?? '', 10);
  if (!Number.isFinite(page) || page < 1) page = 1;
  return { ok: true, value: { limit, page } };
}

/** An integer filter, or undefined when absent. */
export function readInt(query: URLSearchParams, name: string, version: ApiVersion): Parsed<number | undefined> {
  const raw = query.get(name);
  if (raw === null) return { ok: true, value: undefined };
  if (!/^-?\d+$/.test(raw.trim())) return invalidFilter(version, name, 'expected an integer');
  return { ok: true, value: Number(raw) };
}

/** A comma-separated integer list (`id:in=1,2,3`), or undefined when absent. */
export function readIntList(query: URLSearchParams, name: string, version: ApiVersion): Parsed<Set<number> | undefined> {
  const raw = query.get(name);
  if (raw === null) return { ok: true, value: undefined };
  const parts = raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.some((p) => !/^-?\d+$/.test(p))) return invalidFilter(version, name, 'expected comma-separated integers');
  return { ok: true, value: new Set(parts.map(Number)) };
}

export interface DateParamNames {
  min?: string;
  max?: string;
  eq?: string;
  /** The products quirk: a date-only `:min` gets the current time of day appended. */
  dateOnlyMinAddsTimeOfDay?: boolean;
}

/** Builds a seconds range from date filters: `min` per `minInclusive`, `max` inclusive, `eq` exact. */
export function readDateRange(
  query: URLSearchParams,
  names: DateParamNames,
  version: ApiVersion,
  options: ResolvedOptions,
): Parsed<Range | undefined> {
  const range: Range = {};
  let any = false;
  const parse = (name: string | undefined): Parsed<{ seconds: number; isDateOnly: boolean } | undefined> => {
    if (name === undefined) return { ok: true, value: undefined };
    const raw = query.get(name);
    if (raw === null) return { ok: true, value: undefined };
    const parsed = parseFilterDate(raw);
    if (!parsed.ok) return invalidFilter(version, name, 'expected an RFC 2822 or ISO 8601 date');
    return { ok: true, value: parsed };
  };
  const min = parse(names.min);
  if (!min.ok) return min;
  if (min.value) {
    any = true;
    let seconds = min.value.seconds;
    if (min.value.isDateOnly && names.dateOnlyMinAddsTimeOfDay) {
      seconds += Math.floor(options.clock.now() / 1000) % 86_400;
    }
    range.min = seconds;
    range.minStrict = !options.minInclusive;
  }
  const max = parse(names.max);
  if (!max.ok) return max;
  if (max.value) {
    any = true;
    range.max = max.value.seconds;
  }
  const eq = parse(names.eq);
  if (!eq.ok) return eq;
  if (eq.value) {
    any = true;
    const from = eq.value.seconds;
    const to = eq.value.isDateOnly ? from + 86_399 : from;
    range.min = range.min === undefined ? from : Math.max(range.min, from);
    range.max = range.max === undefined ? to : Math.min(range.max, to);
  }
  return { ok: true, value: any ? range : undefined };
}

/** 422 naming every query parameter the endpoint does not know, as the real v3 endpoints answer. */
export function rejectUnknownFilters(query: URLSearchParams, allowed: ReadonlySet<string>): Reply | null {
  const unknown: string[] = [];
  for (const key of query.keys()) if (!allowed.has(key) && !unknown.includes(key)) unknown.push(key);
  if (unknown.length === 0) return null;
  return v3Error(422, `The filter(s): ${unknown.join(', ')} are not valid filter parameter(s).`);
}

/** Parses `sort=field:dir` (v2 and customers) into field and direction; `:asc` is the default. */
export function readColonSort(raw: string | null): { field: string; descending: boolean; valid: boolean } | null {
  if (raw === null || raw === '') return null;
  const [field = '', dir = 'asc'] = raw.split(':');
  const lower = dir.toLowerCase();
  return { field, descending: lower === 'desc', valid: lower === 'asc' || lower === 'desc' };
}
