#!/usr/bin/env node
import { systemClock, systemTicker } from './clock.js';
import { createStderrLines } from './commands/stderr-lines.js';
import { STOP_EXIT_CODES, StopController, type StopSignal } from './commands/stop.js';
import { limitHeapGrowth } from './heap-growth.js';
import { main } from './main.js';

/** The `tap-bigcommerce` executable: wires the real process into `main`. */

// Keep V8's heap close to the data a sync holds (see heap-growth.ts), whatever started the process.
limitHeapGrowth();

// On a terminal, progress is a bar per running stream redrawn in place; other stderr lines go above it. The bars'
// library is loaded only then: a tap run by an orchestrator (stderr a pipe) keeps its ~5 MB.
const terminal = process.stderr.isTTY ? (await import('./sync/terminal-display.js')).createTerminalDisplay(process.stderr) : undefined;
const stderrLines = createStderrLines();

// SIGINT (Ctrl-C) and SIGTERM: a running sync stops at its next safe point and writes the last safe STATE;
// otherwise (or on a second signal) exit at once, with the progress bars cleared.
const stop = new StopController();
const onSignal = (signal: StopSignal): void => {
  if (stop.request(signal)) return;
  terminal?.clear();
  stderrLines.flush();
  process.exit(STOP_EXIT_CODES[signal]);
};
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));
// A target that closes the pipe early: stop quietly (exit 141), never a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') return;
  terminal?.clear();
  process.exit(141);
});

const code = await main(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    writeErr: terminal ? (line) => terminal.writeLine(line) : stderrLines.writeLine,
    env: process.env,
    clock: systemClock,
    ticker: systemTicker,
    ...(terminal ? { progressView: terminal } : {}),
  },
  { stop },
);
process.exitCode = code;
stderrLines.flush();
// Keep-alive sockets and timers must not hold the process open once the work is done.
setTimeout(() => process.exit(code), 50).unref();
