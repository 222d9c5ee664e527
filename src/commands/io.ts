import type { Writable } from 'node:stream';
import type { Clock } from '../clock.js';
import type { StatusLine } from '../sync/progress.js';

/** What a command may touch: injected so the CLI runs in-process in tests as well as a child process. */
export interface CommandIo {
  stdout: Writable;
  /** Writes one line to stderr. */
  writeErr: (line: string) => void;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Present when stderr is a terminal: progress is drawn in place. */
  statusLine?: StatusLine;
}
