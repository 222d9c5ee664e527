import type { Writable } from 'node:stream';
import type { Clock, Ticker } from '../clock.js';
import type { ProgressView } from '../sync/progress.js';

/** What a command may touch: injected so the CLI runs in-process in tests as well as a child process. */
export interface CommandIo {
  stdout: Writable;
  /** Writes one line to stderr. */
  writeErr: (line: string) => void;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Drives progress redraws and log lines; without one only each stream's final line is logged. */
  ticker?: Ticker;
  /** Present when stderr is a terminal: progress bars drawn in place. */
  progressView?: ProgressView;
}
