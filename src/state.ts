import { readFileSync } from 'node:fs';
import { formatInstant, parseInstant } from './dates.js';
import { StateError } from './errors.js';
import type { SecondPosition } from './streams/types.js';

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

/** Reads a state file: this tap's form, the singer-io tap's and the Meltano SDK's. */
export function readStateFile(path: string, knownStreams: readonly string[]): TapState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new StateError(
      `Cannot read state file ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}): check the --state path.`,
    );
  }
  if (text.trim() === '') return emptyState();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StateError(
      `State file ${path} is not valid JSON (${(error as Error).message}): pass the last STATE message's value, or no --state for a full sync.`,
    );
  }
  return parseState(raw, knownStreams, `state file ${path}`);
}

/**
 * Parses a state value. Accepts `{"bookmarks": {...}}` (this tap and Meltano SDK taps:
 * `replication_key_value`), the singer-io tap's `{"bookmarks": {"orders": {"date_modified": "..."}}}`, and the
 * same wrapped in a STATE message (`{"type": "STATE", "value": {...}}`).
 */
export function parseState(raw: unknown, knownStreams: readonly string[], where = 'state'): TapState {
  if (isObject(raw) && raw.type === 'STATE' && isObject(raw.value)) raw = raw.value;
  if (isObject(raw) && isObject(raw.singer_state)) raw = raw.singer_state;
  if (!isObject(raw))
    throw new StateError(`The ${where} must be a JSON object like {"bookmarks": {...}}; pass the last STATE message's value.`);
  const state = emptyState();
  if (typeof raw.currently_syncing === 'string') state.currentlySyncing = raw.currently_syncing;
  const bookmarks = raw.bookmarks ?? {};
  if (!isObject(bookmarks)) throw new StateError(`The ${where} has "bookmarks" that is not an object: fix it or start without --state.`);
  for (const [stream, value] of Object.entries(bookmarks)) {
    if (!knownStreams.includes(stream)) {
      state.foreign[stream] = value;
      continue;
    }
    if (!isObject(value)) throw new StateError(`The ${where} has a bookmark for "${stream}" that is not an object: fix it or remove it.`);
    state.bookmarks[stream] = parseBookmark(stream, value, where);
  }
  return state;
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
  if (value.replication_key !== undefined && value.replication_key !== 'date_modified') {
    throw new StateError(
      `The ${where} bookmarks "${stream}" on "${String(value.replication_key)}"; this tap replicates it on date_modified: remove that bookmark.`,
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
      out.replication_key = 'date_modified';
      out.replication_key_value = formatInstant(b.replicationKeyValueMs);
      if (b.position) out.position = { ...b.position };
    }
    if (b.parent !== undefined) out.parent = b.parent;
    if (b.channelIds !== undefined) out.channel_ids = [...b.channelIds];
    if (b.lastId !== undefined) out.last_id = b.lastId;
    if (b.version !== undefined) out.version = b.version;
    bookmarks[stream] = out;
  }
  return { bookmarks, currently_syncing: state.currentlySyncing };
}
