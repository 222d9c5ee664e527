import { DateTime } from 'luxon';

const MONTHS: Readonly<Record<string, string>> = {
  Jan: '01',
  Feb: '02',
  Mar: '03',
  Apr: '04',
  May: '05',
  Jun: '06',
  Jul: '07',
  Aug: '08',
  Sep: '09',
  Oct: '10',
  Nov: '11',
  Dec: '12',
};

const EMIT_FORMAT = "yyyy-MM-dd'T'HH:mm:ss'Z'";

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function areDigits(s: string, positions: readonly number[]): boolean {
  for (const i of positions) if (!isDigitAt(s, i)) return false;
  return true;
}

// Digit positions of `YYYY-MM-DDTHH:MM:SS`.
const ISO_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18] as const;
// Digit positions of `Tue, 20 Nov 2012 00:00:00 +0000` (day, year, time).
const RFC_DIGITS = [5, 6, 12, 13, 14, 15, 17, 18, 20, 21, 23, 24] as const;

function isIsoUtcPrefix(s: string): boolean {
  return (
    s.charCodeAt(4) === 45 &&
    s.charCodeAt(7) === 45 &&
    (s.charCodeAt(10) === 84 || s.charCodeAt(10) === 116) &&
    s.charCodeAt(13) === 58 &&
    s.charCodeAt(16) === 58 &&
    areDigits(s, ISO_DIGITS)
  );
}

/** `YYYY-MM-DDTHH:MM:SS[.fff]` followed by `Z` or `+00:00`, the shapes v3 endpoints send; else null. */
function fastIso(s: string): string | null {
  const n = s.length;
  if (n < 20 || !isIsoUtcPrefix(s)) return null;
  let end = 19;
  if (s.charCodeAt(19) === 46) {
    end = 20;
    while (end < n && isDigitAt(s, end)) end++;
    if (end === 20) return null;
  }
  const zone = s.slice(end);
  if (zone !== 'Z' && zone !== '+00:00' && zone !== 'z' && zone !== '-00:00') return null;
  // Milliseconds are truncated: the emitted precision is the second.
  return n === 20 && s.charCodeAt(10) === 84 && zone === 'Z' ? s : `${s.slice(0, 10)}T${s.slice(11, 19)}Z`;
}

/** `Tue, 20 Nov 2012 00:00:00 +0000`, the shape every v2 endpoint sends; else null. */
function fastRfc2822(s: string): string | null {
  if (s.length !== 31 || s.charCodeAt(3) !== 44 || !s.endsWith(' +0000') || !areDigits(s, RFC_DIGITS)) return null;
  const month = MONTHS[s.slice(8, 11)];
  if (month === undefined || s.charCodeAt(19) !== 58 || s.charCodeAt(22) !== 58) return null;
  return `${s.slice(12, 16)}-${month}-${s.slice(5, 7)}T${s.slice(17, 25)}Z`;
}

function twoDigits(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
}

/** Month, day, hour, minute and second in range in an emitted `YYYY-MM-DDTHH:MM:SSZ`; else null. */
function inRange(iso: string | null): string | null {
  if (iso === null) return null;
  const month = twoDigits(iso, 5);
  const day = twoDigits(iso, 8);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return twoDigits(iso, 11) <= 23 && twoDigits(iso, 14) <= 59 && twoDigits(iso, 17) <= 59 ? iso : null;
}

function viaLuxon(s: string): string | null {
  let parsed = DateTime.fromISO(s, { zone: 'utc', setZone: false });
  if (!parsed.isValid) parsed = DateTime.fromRFC2822(s, { zone: 'utc' });
  if (!parsed.isValid) parsed = DateTime.fromHTTP(s, { zone: 'utc' });
  // `2024-05-01 10:00:00` (SQL form, no offset: UTC like every BigCommerce date).
  if (!parsed.isValid) parsed = DateTime.fromSQL(s, { zone: 'utc' });
  if (!parsed.isValid) return null;
  const year = parsed.toUTC().year;
  if (year < 1 || year > 9999) return null;
  return parsed.toUTC().toFormat(EMIT_FORMAT);
}

const EPOCH_SECONDS = /^[1-9]\d{0,10}$/;

/**
 * Unix seconds as digits (`"1672670738"`: v2 gift certificates' `purchase_date` and `expiry_date`, per
 * marketing.v2.yml); else null (`"0"`, no date, is left to the caller). Read before luxon, whose ISO parser takes digits for a basic or ordinal date.
 */
function fromEpochSeconds(s: string): string | null {
  if (!EPOCH_SECONDS.test(s)) return null;
  return DateTime.fromSeconds(Number(s), { zone: 'utc' }).toFormat(EMIT_FORMAT);
}

/**
 * Converts an API date-time string (RFC 2822 from v2, ISO 8601 with any offset from v3, Unix seconds as digits)
 * to `YYYY-MM-DDTHH:MM:SSZ` in UTC; returns null when the text is not a recognisable date-time.
 */
export function toUtcSeconds(text: string): string | null {
  return inRange(fastRfc2822(text)) ?? inRange(fastIso(text)) ?? fromEpochSeconds(text) ?? viaLuxon(text);
}
