#!/usr/bin/env node
import { systemClock } from './clock.js';
import { main } from './main.js';

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

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  writeErr: (line) => process.stderr.write(line + '\n'),
  env: process.env,
  clock: systemClock,
}, { stopSignal });
process.exitCode = code;
// Keep-alive sockets and timers must not hold the process open once the work is done.
setTimeout(() => process.exit(code), 50).unref();
