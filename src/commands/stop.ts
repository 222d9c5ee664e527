/** The signals that ask the tap to stop at a safe point, and the exit code each ends with (128 + signal). */
export type StopSignal = 'SIGINT' | 'SIGTERM';

export const STOP_EXIT_CODES: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

/** Where a running command learns that the process was asked to stop. */
export interface StopSource {
  /** Calls `handler` on the first stop request (at once if one came already); returns a function that unsubscribes. */
  onStop(handler: (signal: StopSignal) => void): () => void;
}

/**
 * Routes SIGINT/SIGTERM to whatever is running: a sync subscribes, finishes at its next safe point and writes
 * the last safe STATE; with nothing subscribed (or on a second signal) the caller exits at once.
 */
export class StopController implements StopSource {
  private readonly handlers = new Set<(signal: StopSignal) => void>();
  private requested: StopSignal | null = null;

  onStop(handler: (signal: StopSignal) => void): () => void {
    if (this.requested !== null) {
      handler(this.requested);
      return () => undefined;
    }
    this.handlers.add(handler);
    return () => {
      this.handlers.delete(handler);
    };
  }

  /** True when a running command takes care of stopping; false when the caller should exit now. */
  request(signal: StopSignal): boolean {
    if (this.requested !== null || this.handlers.size === 0) return false;
    this.requested = signal;
    for (const handler of [...this.handlers]) handler(signal);
    return true;
  }
}
