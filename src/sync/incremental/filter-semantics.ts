import { floorToSecond, formatFilterInstant, formatFilterInstantMs, parseApiDateMs } from '../../dates.js';

/**
 * What a walk has learned about an endpoint's filters, from the data it got back (API.md marks every one of
 * these unverified). Pure data: the functions below return a new value and never mutate.
 */
export interface FilterSemantics {
  /** A record equal to a sent `:min` value came back: ask from the second itself (else one second earlier). */
  isMinInclusive: boolean;
  /** Dates carry fractional seconds (`…:05.123Z`): filters switch to millisecond values. */
  hasSubSecondDates: boolean;
  /** A record equal to a sent exact-second `:max` came back: no padding needed. */
  isMaxInclusive: boolean;
  /** Padding added to `:max` in exact-second queries while `:max` may be exclusive. */
  maxPadMs: number;
  /** The id filter returned the id it was sent: ask from the next id. */
  isIdMinInclusive: boolean;
}

export const SECOND_MS = 1000;

export const UNKNOWN_SEMANTICS: FilterSemantics = {
  isMinInclusive: false,
  hasSubSecondDates: false,
  isMaxInclusive: false,
  maxPadMs: 0,
  isIdMinInclusive: false,
};

/** One record of a page with its replication-key second, parsed once per page. */
export interface Row {
  record: Record<string, unknown>;
  /** The replication key floored to the second; null when unreadable (such records can't be placed). */
  second: number | null;
}

const FRACTIONAL_SECONDS = /:\d\d\.\d/;

/** Parses each record's replication key once. */
export function toRows(records: readonly Record<string, unknown>[], key: string): Row[] {
  return records.map((record) => {
    const ms = parseApiDateMs(record[key]);
    return { record, second: ms === null ? null : floorToSecond(ms) };
  });
}

/** True when any record's replication key is written with fractional seconds. */
export function showsSubSecondDates(rows: readonly Row[], key: string): boolean {
  return rows.some((r) => {
    const raw = r.record[key];
    return typeof raw === 'string' && FRACTIONAL_SECONDS.test(raw);
  });
}

/** The lower bound a query sends for `secondMs`, as an instant (ms), given what is known. */
export function sentMinMs(s: FilterSemantics, secondMs: number): number {
  if (s.hasSubSecondDates) return secondMs - 1;
  return s.isMinInclusive ? secondMs : secondMs - SECOND_MS;
}

/**
 * The `:min` filter value for a walk at `secondMs`: from the second itself once `:min` is proven inclusive,
 * else from one second earlier (the surplus is dropped); with fractional-second dates, from one millisecond
 * earlier, which is right either way.
 */
export function minFilter(s: FilterSemantics, secondMs: number): string {
  return s.hasSubSecondDates ? formatFilterInstantMs(secondMs - 1) : formatFilterInstant(sentMinMs(s, secondMs));
}

/** The `:max` filter value of an exact-second query at `secondMs`. */
export function exactSecondMaxFilter(s: FilterSemantics, secondMs: number): string {
  return formatFilterInstant(secondMs + s.maxPadMs);
}

export interface Learned {
  semantics: FilterSemantics;
  /** The query just sent meant something else than intended: ask it again with the new semantics. */
  shouldAskAgain: boolean;
  /** What was learned, for debug logs. */
  notes: string[];
}

/**
 * Learns from a date-window page: fractional seconds (switch to millisecond filters: ask again), or a record
 * exactly at the sent `:min` (the filter is inclusive: ask again from the second itself).
 */
export function learnFromWindowPage(s: FilterSemantics, rows: readonly Row[], key: string, sentMin: number): Learned {
  if (!s.hasSubSecondDates && showsSubSecondDates(rows, key)) {
    return {
      semantics: { ...s, hasSubSecondDates: true, maxPadMs: SECOND_MS },
      shouldAskAgain: true,
      notes: [`${key} has fractional seconds; exact-second queries ask up to the next second`],
    };
  }
  if (s.isMinInclusive || s.hasSubSecondDates || !rows.some((r) => r.second === sentMin)) {
    return { semantics: s, shouldAskAgain: false, notes: [] };
  }
  return { semantics: { ...s, isMinInclusive: true }, shouldAskAgain: true, notes: [`${key} min filter is inclusive`] };
}

/**
 * Learns from an exact-second page (`:min`..`:max` spanning `secondMs`): a record at the sent `:max` proves it
 * inclusive (no padding); no record of the second at all, while `:max` is unproven and unpadded, means either
 * the second is exhausted or `:max` is exclusive: pad it and ask again.
 */
export function learnFromExactSecondPage(s: FilterSemantics, rows: readonly Row[], secondMs: number): Learned {
  if (!s.isMaxInclusive && !s.hasSubSecondDates && rows.some((r) => r.second === secondMs + s.maxPadMs)) {
    return { semantics: { ...s, isMaxInclusive: true, maxPadMs: 0 }, shouldAskAgain: false, notes: [] };
  }
  if (s.maxPadMs === 0 && !s.isMaxInclusive && !rows.some((r) => r.second === secondMs)) {
    return {
      semantics: { ...s, maxPadMs: SECOND_MS },
      shouldAskAgain: true,
      notes: ['max filter looks exclusive; padding it by one second'],
    };
  }
  return { semantics: s, shouldAskAgain: false, notes: [] };
}

/** The id a query sends to continue after `lastId`: past it once the id filter is proven inclusive. */
export function idFilterValue(s: FilterSemantics, lastId: number): number {
  return s.isIdMinInclusive ? lastId + 1 : lastId;
}

/** A page that returned the last id written proves the id filter inclusive. */
export function learnIdFilter(s: FilterSemantics, records: readonly Record<string, unknown>[], sentId: number | undefined): Learned {
  if (s.isIdMinInclusive || sentId === undefined || !records.some((r) => Number(r.id) === sentId)) {
    return { semantics: s, shouldAskAgain: false, notes: [] };
  }
  return { semantics: { ...s, isIdMinInclusive: true }, shouldAskAgain: true, notes: ['id filter is inclusive'] };
}
