import { StateError } from '../errors.js';
import { emptyState, type ParsedState, parseStateWithWarnings } from '../state.js';
import { STREAMS } from '../streams/index.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const knownStreams = (): string[] => STREAMS.map((s) => s.name);

/**
 * Reads the `--state` of `read` into the engine's state. Accepted forms:
 * - a JSON array of AirbyteStateMessages (what the platform passes): `STREAM` ones carry one stream's
 *   bookmark in `stream_state` (null: the stream was reset, so it starts over); `LEGACY` ones (`{data}`) carry
 *   a whole state value;
 * - a single state message, a `{"data": {...}}` LEGACY object, or a bare state value: this tap's
 *   `{"bookmarks": {...}}` or a stream-keyed `{"orders": {...}}`.
 * `null`, `[]` and `{}` mean no state.
 */
export function parseAirbyteState(raw: unknown, where = 'state'): ParsedState {
  if (raw === null) return { state: emptyState(), warnings: [] };
  const isMessage = isObject(raw) && raw.type !== 'STATE' && (raw.type !== undefined || isObject(raw.stream));
  const messages = Array.isArray(raw) ? raw : isMessage ? [raw] : null;
  if (messages === null) return parseStateValue(raw, where);

  const state = emptyState();
  const warnings: string[] = [];
  for (const [index, message] of messages.entries()) {
    if (!isObject(message))
      throw new StateError(
        `The ${where} has an item at index ${index} that is not a state message object: pass the STATE messages of the last read as a JSON array.`,
      );
    const type = message.type ?? (message.stream !== undefined ? 'STREAM' : 'LEGACY');
    if (type === 'STREAM') {
      const stream = message.stream;
      const name = isObject(stream) && isObject(stream.stream_descriptor) ? stream.stream_descriptor.name : undefined;
      if (!isObject(stream) || typeof name !== 'string') {
        throw new StateError(
          `The ${where} has a STREAM state at index ${index} without stream.stream_descriptor.name: pass the STATE messages of the last read.`,
        );
      }
      const streamState = stream.stream_state;
      delete state.bookmarks[name];
      delete state.foreign[name];
      // A null (or absent) stream_state is a reset: no bookmark, so the stream starts from start_date.
      if (streamState === null || streamState === undefined) continue;
      if (!isObject(streamState))
        throw new StateError(`The ${where} has a stream_state for "${name}" that is not an object: remove it to reset that stream.`);
      const parsed = parseStateWithWarnings({ bookmarks: { [name]: streamState } }, knownStreams(), where);
      Object.assign(state.bookmarks, parsed.state.bookmarks);
      Object.assign(state.foreign, parsed.state.foreign);
      warnings.push(...parsed.warnings);
    } else if (type === 'LEGACY') {
      const parsed = parseStateValue(message.data ?? null, where);
      Object.assign(state.bookmarks, parsed.state.bookmarks);
      Object.assign(state.foreign, parsed.state.foreign);
      warnings.push(...parsed.warnings);
    } else {
      throw new StateError(
        `The ${where} has a ${JSON.stringify(type)} state at index ${index}; this source writes per-stream (STREAM) state only: pass the STATE messages of its last read.`,
      );
    }
  }
  return { state, warnings };
}

/** A whole state value: `{"data": {...}}` (LEGACY), `{"bookmarks": {...}}`, or stream-keyed bookmarks. */
function parseStateValue(raw: unknown, where: string): ParsedState {
  if (raw === null) return { state: emptyState(), warnings: [] };
  if (!isObject(raw))
    throw new StateError(
      `The ${where} must be a JSON array of state messages (or a state object): pass the STATE messages of the last read.`,
    );
  if (isObject(raw.data) && Object.keys(raw).every((k) => k === 'data' || k === 'type')) return parseStateValue(raw.data, where);
  if (raw.bookmarks !== undefined || raw.singer_state !== undefined || raw.value !== undefined)
    return parseStateWithWarnings(raw, knownStreams(), where);
  // Stream-keyed bookmarks, the common legacy Airbyte form: {"orders": {"date_modified": "..."}}.
  const bookmarks = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null));
  return parseStateWithWarnings({ bookmarks }, knownStreams(), where);
}
