import { DateTime } from 'luxon';

/** A parsed date filter value, in epoch seconds (UTC), or why it could not be parsed. */
export type ParsedDate = { ok: true; seconds: number; isDateOnly: boolean } | { ok: false };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses a filter value the way the real endpoints accept them: RFC 2822 (`Thu, 20 Apr 2017 11:32:00 -0400`)
 * or ISO 8601 (`2017-04-20T11:32:00.000-04:00`, `...Z`, `...+00:00`, a bare date, or no offset, read as UTC).
 * Fractions of a second are dropped: the API stores whole seconds. An unencoded `+` in an offset arrives as a
 * space and is rejected on purpose, so a client that forgets to encode it finds out here.
 */
export function parseFilterDate(raw: string): ParsedDate {
  const value = raw.trim();
  if (value === '') return { ok: false };
  if (/^\d{9,11}$/.test(value)) return { ok: true, seconds: Number(value), isDateOnly: false };
  const isDateOnly = DATE_ONLY.test(value);
  let dt = DateTime.fromISO(value, { zone: 'utc', setZone: true });
  if (!dt.isValid) dt = DateTime.fromRFC2822(value, { zone: 'utc', setZone: true });
  if (!dt.isValid) dt = DateTime.fromHTTP(value, { zone: 'utc', setZone: true });
  if (!dt.isValid) return { ok: false };
  return { ok: true, seconds: Math.floor(dt.toMillis() / 1000), isDateOnly };
}
