import { floorToSecond } from '../../dates.js';
import type { SliceProgress, StreamBookmark, TapState } from '../../state.js';
import { isChannelListWidened } from '../channel-filter.js';
import type { StreamGroup } from '../stream-group.js';
import { writtenStreams } from '../stream-group.js';
import { toRows } from './filter-semantics.js';
import type { WalkCursor } from './keyset-steps.js';

/**
 * Where each stream a group writes stands, and the cursors the group's walk moves: the walk starts at the
 * earliest (a child selected for the first time starts at `start_date`), a stream whose own bookmark is ahead
 * skips the records before it, and a child in step with its parent keeps `{parent}` in STATE.
 */
export class MemberCursors {
  members: string[];
  readonly start: WalkCursor;
  /** Every stream synced FULL_TABLE (its bookmark ignored). */
  readonly isFullTable: boolean;
  private readonly starts: Map<string, WalkCursor>;
  private readonly isAligned: boolean;

  constructor(
    private readonly group: StreamGroup,
    private readonly state: TapState,
    startDateMs: number,
    private readonly replicationKey: string,
    /** The configured `channel_ids` for a stream with a channel notion (undefined otherwise). */
    private readonly channelIds?: readonly number[],
    onRewind?: (stream: string) => void,
  ) {
    const written = writtenStreams(group);
    this.members = written.map((s) => s.definition.name);
    this.isFullTable = written.every((s) => s.replicationMethod === 'FULL_TABLE');
    const startOf = (stream: string): WalkCursor => {
      const isWhole = written.find((s) => s.definition.name === stream)?.replicationMethod === 'FULL_TABLE';
      const own = isWhole ? undefined : state.bookmarks[stream];
      let saved = own?.parent !== undefined ? state.bookmarks[own.parent] : own;
      if (saved && isChannelListWidened(saved.channelIds, channelIds)) {
        onRewind?.(stream);
        saved = undefined;
      }
      return saved?.replicationKeyValueMs !== undefined
        ? { secondMs: floorToSecond(saved.replicationKeyValueMs), position: saved.position ?? null }
        : { secondMs: floorToSecond(startDateMs), position: null };
    };
    this.starts = new Map(this.members.map((m) => [m, startOf(m)]));
    const all = [...this.starts.values()];
    this.start = all.reduce((a, b) => (b.secondMs < a.secondMs || (b.secondMs === a.secondMs && b.position === null) ? b : a));
    this.isAligned = all.every(
      (c) => c.secondMs === this.start.secondMs && JSON.stringify(c.position) === JSON.stringify(this.start.position),
    );
  }

  /** Whether a record is new for a stream (undefined when every stream starts where the walk does). */
  isNewFor(): ((stream: string, record: Record<string, unknown>) => boolean) | undefined {
    if (this.isAligned) return undefined;
    return (stream, record) => {
      const second = toRows([record], this.replicationKey)[0]?.second;
      return second !== null && second !== undefined && second >= (this.starts.get(stream)?.secondMs ?? this.start.secondMs);
    };
  }

  /** The slices a walk interrupted in parallel slices left in STATE (only when every stream starts there). */
  savedSlices(): SliceProgress[] | undefined {
    if (!this.isAligned) return undefined;
    for (const member of this.members) {
      const own = this.state.bookmarks[member];
      const saved = own?.parent !== undefined ? this.state.bookmarks[own.parent] : own;
      if (saved?.slices && saved.replicationKeyValueMs !== undefined) return saved.slices;
    }
    return undefined;
  }

  /**
   * Stops moving a stream the group no longer writes (a child the token can't read): its bookmark stays where
   * its walk began, spelled out (not `{parent}`, which would follow the parent), or absent if it had none.
   */
  detach(stream: string): void {
    if (!this.members.includes(stream)) return;
    this.members = this.members.filter((m) => m !== stream);
    const own = this.state.bookmarks[stream];
    const saved = own?.parent !== undefined ? this.state.bookmarks[own.parent] : own;
    const start = this.starts.get(stream);
    if (saved?.replicationKeyValueMs === undefined || start === undefined) delete this.state.bookmarks[stream];
    else this.state.bookmarks[stream] = bookmarkOf(start);
  }

  /** Moves every stream the walk has reached to `cursor`; `laterSlices`: the progress of the slices after it. */
  advance(cursor: WalkCursor, laterSlices: SliceProgress[] = []): void {
    const parent = this.group.parent.definition.name;
    const advanced = this.members.filter((m) => cursor.secondMs >= (this.starts.get(m)?.secondMs ?? this.start.secondMs));
    for (const member of advanced) {
      const isInStep = member !== parent && advanced.includes(parent);
      const {
        position: _p,
        replicationKeyValueMs: _v,
        parent: _parent,
        channelIds: _c,
        slices: _s,
        ...other
      } = this.state.bookmarks[member] ?? {};
      const extra = {
        ...(this.channelIds ? { channelIds: [...this.channelIds] } : {}),
        ...(laterSlices.length > 0 ? { slices: laterSlices } : {}),
      };
      this.state.bookmarks[member] = isInStep ? { ...other, parent } : { ...other, ...bookmarkOf(cursor), ...extra };
    }
  }

  /** A stream's bookmark second after the walk (its parent's when in step). */
  finalSecondOf(stream: string): number | undefined {
    const saved = this.state.bookmarks[stream];
    return (saved?.parent === undefined ? saved : this.state.bookmarks[saved.parent])?.replicationKeyValueMs;
  }
}

function bookmarkOf(cursor: WalkCursor): StreamBookmark {
  return { replicationKeyValueMs: cursor.secondMs, ...(cursor.position ? { position: cursor.position } : {}) };
}
