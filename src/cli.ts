#!/usr/bin/env node
import { systemClock } from './clock.js';
import { createStderrLines } from './commands/stderr-lines.js';
import { main } from './main.js';
import { createTerminalStatus } from './sync/progress.js';

/** The `tap-bigcommerce` executable: wires the real process into `main`. */
let requestStop: () => void = () => undefined;
const stopSignal = new Promise<void>((resolve) => {
  requestStop = resolve;
});
let isStopping = false;
process.on('SIGTERM', () => {
  if (isStopping) process.exit(143);
  isStopping = true;
  requestStop();
});
// A target that closes the pipe early: stop quietly (exit 141), never a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(141);
});

// On a terminal, progress is one line redrawn in place; other stderr lines clear and redraw it.
const terminal = process.stderr.isTTY ? createTerminalStatus(process.stderr) : undefined;
const stderrLines = createStderrLines();
const code = await main(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    writeErr: terminal ? (line) => terminal.writeLine(line) : stderrLines.writeLine,
    env: process.env,
    clock: systemClock,
    ...(terminal ? { statusLine: terminal } : {}),
  },
  { stopSignal },
);
process.exitCode = code;
stderrLines.flush();
// Keep-alive sockets and timers must not hold the process open once the work is done.
setTimeout(() => process.exit(code), 50).unref();
