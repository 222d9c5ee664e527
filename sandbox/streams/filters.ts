/** Building blocks for specs' predicate filters (`ListEndpoint.filters`): each parses a raw query value once. */
import type { ParamFilter, RecordView } from './spec.js';

const INTEGER = /^-?\d+$/;

function csv(raw: string): string[] {
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** `status_id=11`: an integer equal to the record's value. */
export function intEquals(get: (record: RecordView) => number): ParamFilter {
  return (raw) => {
    if (!INTEGER.test(raw.trim())) return { ok: false, expected: 'expected an integer' };
    const wanted = Number(raw);
    return { ok: true, test: (record) => get(record) === wanted };
  };
}

/** `customer_group_id:in=1,2`: comma-separated integers, one of which equals the record's value. */
export function intIn(get: (record: RecordView) => number): ParamFilter {
  return (raw) => {
    const parts = csv(raw);
    if (parts.some((part) => !INTEGER.test(part))) return { ok: false, expected: 'expected comma-separated integers' };
    const wanted = new Set(parts.map(Number));
    return { ok: true, test: (record) => wanted.has(get(record)) };
  };
}

/** `code=ABC`: exact text. */
export function textEquals(get: (record: RecordView) => string): ParamFilter {
  return (raw) => ({ ok: true, test: (record) => get(record) === raw });
}

/** `email:in=a@x,b@y`: one of comma-separated values, compared without case (emails, names). */
export function textIn(get: (record: RecordView) => string): ParamFilter {
  return (raw) => {
    const wanted = new Set(csv(raw).map((part) => part.toLowerCase()));
    return { ok: true, test: (record) => wanted.has(get(record).toLowerCase()) };
  };
}

/** `name:like=moriarty,sherl`: the record's value contains one of the substrings, without case. */
export function textLike(get: (record: RecordView) => string): ParamFilter {
  return (raw) => {
    const parts = csv(raw).map((part) => part.toLowerCase());
    return { ok: true, test: (record) => parts.some((part) => get(record).toLowerCase().includes(part)) };
  };
}

/** `type=promotion`: one of an enum (anything else is invalid, as the real v2 coupons answer). */
export function oneOf(values: readonly string[], get: (record: RecordView) => string, negate = false): ParamFilter {
  return (raw) => {
    if (!values.includes(raw)) return { ok: false, expected: `expected one of ${values.join(', ')}` };
    return { ok: true, test: (record) => (get(record) === raw) !== negate };
  };
}

/** `is_visible=true` (or 1/0): a boolean. */
export function booleanEquals(get: (record: RecordView) => boolean): ParamFilter {
  return (raw) => {
    const value = raw.trim().toLowerCase();
    if (!['true', 'false', '1', '0'].includes(value)) return { ok: false, expected: 'expected true or false' };
    const wanted = value === 'true' || value === '1';
    return { ok: true, test: (record) => get(record) === wanted };
  };
}

/** `min_total=10.5` / `max_total`: a number bound on the record's value (inclusive). */
export function numberBound(bound: 'min' | 'max', get: (record: RecordView) => number): ParamFilter {
  return (raw) => {
    const value = Number(raw.trim());
    if (raw.trim() === '' || !Number.isFinite(value)) return { ok: false, expected: 'expected a number' };
    return { ok: true, test: (record) => (bound === 'min' ? get(record) >= value : get(record) <= value) };
  };
}
