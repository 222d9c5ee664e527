import { DateTime } from 'luxon';
import { toUtcSeconds } from './normalize/date-time.js';

/** Parses a user-supplied date: ISO 8601 (no offset means UTC) or the `MM/DD/YYYY` form Stitch users know. */
export function parseUserDate(value: string): DateTime | null {
  const trimmed = value.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  if (us) {
    const dt = DateTime.fromObject({ year: Number(us[3]), month: Number(us[1]), day: Number(us[2]) }, { zone: 'utc' });
    return dt.isValid ? dt : null;
  }
  const iso = DateTime.fromISO(trimmed, { zone: 'utc', setZone: true });
  if (iso.isValid) return iso.toUTC();
  const rfc = DateTime.fromRFC2822(trimmed, { zone: 'utc' });
  return rfc.isValid ? rfc.toUTC() : null;
}

/** `2024-05-01T10:00:00Z`: the one date-time format the tap emits (UTC, seconds, `Z`). */
export function formatInstant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A filter value with an explicit UTC offset, as BigCommerce filters want: `2024-05-01T10:00:00+00:00`. */
export function formatFilterInstant(ms: number): string {
  return formatInstant(ms).replace('Z', '+00:00');
}

/** A filter value with milliseconds and an explicit UTC offset: `2024-05-01T09:59:59.999+00:00`. */
export function formatFilterInstantMs(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

/** Parses an instant the tap emitted or read back from state; returns epoch ms or null. */
export function parseInstant(value: string): number | null {
  const dt = parseUserDate(value);
  return dt ? dt.toMillis() : null;
}

/** Floors epoch ms to the second. */
export function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/**
 * Epoch ms of a date the API sent: v2's RFC 2822 (`Tue, 05 Mar 2019 21:40:11 +0000`), v3's ISO 8601
 * (`2019-03-05T21:40:11Z`, `...+00:00`) or the other shapes the normalizer reads. Null for anything else
 * (empty strings included). Second precision, like every date the tap emits.
 */
export function parseApiDateMs(value: unknown): number | null {
  if (typeof value !== 'string' || value === '') return null;
  const iso = toUtcSeconds(value);
  return iso === null ? null : Date.parse(iso);
}
