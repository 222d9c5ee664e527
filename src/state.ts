import { readFileSync } from 'node:fs';
import { formatInstant, parseInstant } from './dates.js';
import { StateError } from './errors.js';
import { findStream } from './streams/index.js';
import { replicationKeyOf, replicationMethodOf, type SecondPosition } from './streams/types.js';

/** One stream's bookmark, as the sync engine reads and writes it. */
export interface StreamBookmark {
  /** Incremental: the `date_modified` second the walk is at (epoch ms). */
  replicationKeyValueMs?: number;
  /** Incremental: how far the walk inside that second got; absent means none of that second was written. */
  position?: SecondPosition;
  /** Full table: the last id written in the interrupted table version. */
  lastId?: number;
  /** Full table: the table version being written (ACTIVATE_VERSION). */
  version?: number;
  /** A child stream in step with its parent: its bookmark is the parent's. */
  parent?: string;
  /** The `channel_ids` the bookmark was made with (absent: every channel). */
  channelIds?: number[];
  /**
   * Incremental walks in parallel slices: the slices after the first unfinished one (whose progress is the
   * bookmark itself), each from its first second, with how far it got, so a resumed run repeats nothing.
   */
  slices?: SliceProgress[];
  /** Deletion detection: the ids known to exist and when they were last scanned. */
  deletions?: DeletionState;
}

export interface DeletionState {
  /** Ids known to exist (the last scan's, plus every id written since), as `IdSet.encode()` ranges. */
  known: string;
  /** Archived records already written with their flag set (orders), as ranges. */
  archived?: string;
  scannedAtMs?: number;
}

export interface SliceProgress {
  fromMs: number;
  /** Where the slice got (absent: nothing of it written yet). */
  cursor?: { secondMs: number; position: SecondPosition | null };
  isDone?: boolean;
}

export interface TapState {
  bookmarks: Record<string, StreamBookmark>;
  currentlySyncing: string | null;
  /** Bookmarks of streams this tap doesn't know, carried over untouched. */
  foreign: Record<string, unknown>;
}

export function emptyState(): TapState {
  return { bookmarks: {}, currentlySyncing: null, foreign: {} };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A parsed state and what in it this tap could not read (for the log: nothing is ignored silently). */
export interface ParsedState {
  state: TapState;
  warnings: string[];
}

/** Reads a state file: this tap's form, the singer-io tap's and the Meltano SDK's. */
export function readStateFile(path: string, knownStreams: readonly string[]): ParsedState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new StateError(
      `Cannot read state file ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}): check the --state path.`,
    );
  }
  if (text.trim() === '') return { state: emptyState(), warnings: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StateError(
      `State file ${path} is not valid JSON (${(error as Error).message}): pass the last STATE message's value, or no --state for a full sync.`,
    );
  }
  return parseStateWithWarnings(raw, knownStreams, `state file ${path}`);
}

/** `parseStateWithWarnings` for callers that have no log (tests, composed states). */
export function parseState(raw: unknown, knownStreams: readonly string[], where = 'state'): TapState {
  return parseStateWithWarnings(raw, knownStreams, where).state;
}

/**
 * Parses a state value. Accepts `{"bookmarks": {...}}` (this tap and Meltano SDK taps:
 * `replication_key_value`), the singer-io tap's `{"bookmarks": {"orders": {"date_modified": "..."}}}`, and the
 * same wrapped in a STATE message (`{"type": "STATE", "value": {...}}`).
 */
export function parseStateWithWarnings(raw: unknown, knownStreams: readonly string[], where = 'state'): ParsedState {
  if (isObject(raw) && raw.type === 'STATE' && isObject(raw.value)) raw = raw.value;
  if (isObject(raw) && isObject(raw.singer_state)) raw = raw.singer_state;
  if (!isObject(raw))
    throw new StateError(`The ${where} must be a JSON object like {"bookmarks": {...}}; pass the last STATE message's value.`);
  const state = emptyState();
  if (typeof raw.currently_syncing === 'string') state.currentlySyncing = raw.currently_syncing;
  const bookmarks = raw.bookmarks ?? {};
  if (!isObject(bookmarks)) throw new StateError(`The ${where} has "bookmarks" that is not an object: fix it or start without --state.`);
  const warnings = raw.bookmarks === undefined ? misplacedBookmarkWarnings(raw, knownStreams, where) : [];
  for (const [stream, value] of Object.entries(bookmarks)) {
    if (!knownStreams.includes(stream)) {
      state.foreign[stream] = value;
      continue;
    }
    if (!isObject(value)) throw new StateError(`The ${where} has a bookmark for "${stream}" that is not an object: fix it or remove it.`);
    const bookmark = parseBookmark(stream, value, where);
    state.bookmarks[stream] = bookmark;
    const unread = Object.keys(value).filter((key) => !READ_KEYS.has(key));
    if (unread.length > 0) warnings.push(unreadBookmarkWarning(stream, unread, bookmark, where));
  }
  return { state, warnings };
}

/**
 * Bookmark keys this tap reads, or may find in a state it can read and safely passes over (the Meltano SDK's
 * bookkeeping next to `replication_key_value`).
 */
const READ_KEYS = new Set([
  'replication_key',
  'replication_key_value',
  'date_modified',
  'position',
  'parent',
  'channel_ids',
  'slices',
  'deletions',
  'last_id',
  'version',
  'starting_replication_value',
  'replication_key_signpost',
  'progress_markers',
]);

/** The replication key of a stream's bookmark: its own, a child's parent's, else `date_modified`. */
function replicationKeyFor(stream: string): string {
  const definition = findStream(stream);
  if (definition?.replication.method === 'CHILD') return replicationKeyFor(definition.replication.parent);
  return (definition && replicationKeyOf(definition)) ?? 'date_modified';
}

/** The bookmark this tap writes for `stream`, as an example for a warning. */
function expectedBookmark(stream: string): string {
  const definition = findStream(stream);
  if (definition && replicationMethodOf(definition) === 'FULL_TABLE')
    return '{"version": 1732435200000} (with "last_id" while a table is read)';
  return `{"replication_key": "${replicationKeyFor(stream)}", "replication_key_value": "2024-05-01T10:00:00Z"}`;
}

function unreadBookmarkWarning(stream: string, unread: string[], bookmark: StreamBookmark, where: string): string {
  const keys = unread.map((k) => `"${k}"`).join(', ');
  const definition = findStream(stream);
  const isIncremental = definition !== undefined && replicationMethodOf(definition) === 'INCREMENTAL';
  const consequence =
    isIncremental && bookmark.replicationKeyValueMs === undefined && bookmark.parent === undefined
      ? `, so "${stream}" syncs from start_date`
      : '';
  return `The ${where} bookmark for "${stream}" has ${keys}, which this tap doesn't read${consequence}: it expects ${expectedBookmark(stream)}.`;
}

/** A state without "bookmarks": stream bookmarks at the top level (another tool's form), or another wrapper. */
function misplacedBookmarkWarnings(raw: Record<string, unknown>, knownStreams: readonly string[], where: string): string[] {
  const keys = Object.keys(raw).filter((k) => k !== 'currently_syncing');
  const streams = keys.filter((k) => knownStreams.includes(k));
  const others = keys.filter((k) => !knownStreams.includes(k));
  const warnings = streams.map(
    (stream) =>
      `The ${where} has "${stream}" at the top level, where this tap doesn't read it, so "${stream}" syncs from scratch: it expects {"bookmarks": {"${stream}": ${expectedBookmark(stream)}}}.`,
  );
  if (others.length > 0) {
    warnings.push(
      `The ${where} has no "bookmarks" (its keys: ${others.map((k) => `"${k}"`).join(', ')}), so every stream syncs from scratch: it expects the last STATE message's value, {"bookmarks": {"<stream>": {...}, ...}, "currently_syncing": null}.`,
    );
  }
  return warnings;
}

function parseBookmark(stream: string, value: Record<string, unknown>, where: string): StreamBookmark {
  const bookmark: StreamBookmark = {};
  const rawValue = value.replication_key_value ?? value.date_modified;
  if (rawValue !== undefined && rawValue !== null) {
    const ms = typeof rawValue === 'string' ? parseInstant(rawValue) : null;
    if (ms === null) {
      throw new StateError(
        `The ${where} has a bad bookmark for "${stream}": ${JSON.stringify(rawValue)} is not a date-time; use ISO 8601 like "2024-05-01T10:00:00Z" or remove the bookmark.`,
      );
    }
    bookmark.replicationKeyValueMs = ms;
  }
  const expectedKey = replicationKeyFor(stream);
  if (value.replication_key !== undefined && value.replication_key !== expectedKey) {
    throw new StateError(
      `The ${where} bookmarks "${stream}" on "${String(value.replication_key)}"; this tap replicates it on ${expectedKey}: remove that bookmark.`,
    );
  }
  if (isObject(value.position)) {
    const position: SecondPosition = {};
    const { id, after, page } = value.position;
    if (typeof id === 'number' && Number.isFinite(id)) position.id = id;
    if (typeof after === 'string') position.after = after;
    if (typeof page === 'number' && Number.isInteger(page)) position.page = page;
    if (Object.keys(position).length > 0 && bookmark.replicationKeyValueMs !== undefined) bookmark.position = position;
  }
  if (typeof value.parent === 'string') bookmark.parent = value.parent;
  if (isObject(value.deletions) && typeof value.deletions.known === 'string') {
    const d = value.deletions;
    const scannedAt = typeof d.scanned_at === 'string' ? parseInstant(d.scanned_at) : null;
    bookmark.deletions = {
      known: d.known as string,
      ...(typeof d.archived === 'string' ? { archived: d.archived } : {}),
      ...(scannedAt === null ? {} : { scannedAtMs: scannedAt }),
    };
  }
  if (Array.isArray(value.slices) && bookmark.replicationKeyValueMs !== undefined) {
    const slices = value.slices.map(parseSlice);
    if (slices.every((x) => x !== null)) bookmark.slices = slices as SliceProgress[];
  }
  if (Array.isArray(value.channel_ids) && value.channel_ids.every((v) => typeof v === 'number')) bookmark.channelIds = value.channel_ids;
  for (const key of ['last_id', 'version'] as const) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new StateError(
        `The ${where} has a bad "${key}" for "${stream}": ${JSON.stringify(v)} is not a number; remove it to restart that table.`,
      );
    }
    if (key === 'last_id') bookmark.lastId = v;
    else bookmark.version = v;
  }
  return bookmark;
}

/** The state value this tap writes (and reads back). Bounded in size: a second, an id or cursor per stream. */
export function formatState(state: TapState): Record<string, unknown> {
  const bookmarks: Record<string, unknown> = { ...state.foreign };
  for (const [stream, b] of Object.entries(state.bookmarks)) {
    const out: Record<string, unknown> = {};
    if (b.replicationKeyValueMs !== undefined) {
      out.replication_key = replicationKeyFor(stream);
      out.replication_key_value = formatInstant(b.replicationKeyValueMs);
      if (b.position) out.position = { ...b.position };
    }
    if (b.parent !== undefined) out.parent = b.parent;
    if (b.deletions !== undefined) {
      out.deletions = {
        known: b.deletions.known,
        ...(b.deletions.archived !== undefined ? { archived: b.deletions.archived } : {}),
        ...(b.deletions.scannedAtMs !== undefined ? { scanned_at: formatInstant(b.deletions.scannedAtMs) } : {}),
      };
    }
    if (b.slices !== undefined) out.slices = b.slices.map(formatSlice);
    if (b.channelIds !== undefined) out.channel_ids = [...b.channelIds];
    if (b.lastId !== undefined) out.last_id = b.lastId;
    if (b.version !== undefined) out.version = b.version;
    bookmarks[stream] = out;
  }
  return { bookmarks, currently_syncing: state.currentlySyncing };
}

function parseSlice(raw: unknown): SliceProgress | null {
  if (!isObject(raw) || typeof raw.from !== 'string') return null;
  const fromMs = parseInstant(raw.from);
  if (fromMs === null) return null;
  const slice: SliceProgress = { fromMs };
  if (raw.done === true) slice.isDone = true;
  if (isObject(raw.at) && typeof raw.at.replication_key_value === 'string') {
    const secondMs = parseInstant(raw.at.replication_key_value);
    if (secondMs === null) return null;
    const position = isObject(raw.at.position) ? (raw.at.position as SecondPosition) : null;
    slice.cursor = { secondMs, position };
  }
  return slice;
}

function formatSlice(slice: SliceProgress): Record<string, unknown> {
  return {
    from: formatInstant(slice.fromMs),
    ...(slice.cursor
      ? {
          at: {
            replication_key_value: formatInstant(slice.cursor.secondMs),
            ...(slice.cursor.position ? { position: { ...slice.cursor.position } } : {}),
          },
        }
      : {}),
    ...(slice.isDone ? { done: true } : {}),
  };
}
