import type { Clock } from '../clock.js';
import type { TapConfig } from '../config.js';
import type { ApiClient } from '../http/types.js';
import type { Logger } from '../logger.js';
import { formatState, type TapState } from '../state.js';
import type { TapEvent } from './events.js';
import type { ServerClock } from './server-clock.js';
import type { StreamStats } from './sync-stats.js';

/** What every walk of a sync shares. */
export interface SyncContext {
  client: ApiClient;
  config: TapConfig;
  logger: Logger;
  clock: Clock;
  serverClock: ServerClock;
  state: TapState;
  /** True at most once per STATE interval: STATE messages inside a stream are throttled. */
  isStateDue(): boolean;
  /** Redraws or logs progress for the running streams (throttled by the reporter). */
  reportProgress(): void;
  /** The figures of a stream of this sync (created on first use). */
  statsOf(stream: string): StreamStats;
}

export function stateEvent(state: TapState): TapEvent {
  return { type: 'state', value: formatState(state) };
}

/** True at most once per `intervalMs` of the injected clock. */
export function throttle(clock: Clock, intervalMs: number): () => boolean {
  let lastAtMs = Number.NEGATIVE_INFINITY;
  return () => {
    const now = clock.now();
    if (now - lastAtMs < intervalMs) return false;
    lastAtMs = now;
    return true;
  };
}
