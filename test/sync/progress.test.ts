import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../src/clock.js';
import { createMemoryLogger } from '../../src/logger.js';
import { createTerminalStatus, describeProgress, ProgressReporter } from '../../src/sync/progress.js';
import type { StreamStats } from '../../src/sync/sync-stats.js';

const stats = (records: number, total?: number): StreamStats => ({
  stream: 'orders',
  records,
  startedAtMs: 0,
  status: 'running',
  ...(total === undefined ? {} : { totalInWindow: total }),
});

describe('progress', () => {
  it('describes records, total, percentage, ETA and rate', () => {
    expect(describeProgress(stats(2500, 10_000), 5000)).toBe('orders: 2,500 records of ~10,000 (25%), ETA 15s, 500 records/s');
    expect(describeProgress(stats(300), 2000)).toBe('orders: 300 records, 150 records/s');
  });

  it('logs a line every interval, and always at the end', () => {
    const clock = createFakeClock(0);
    const logger = createMemoryLogger('info');
    const reporter = new ProgressReporter(logger, clock, 5000);
    reporter.update(stats(1));
    clock.advance(1000);
    reporter.update(stats(2));
    clock.advance(5000);
    reporter.update(stats(3));
    reporter.update(stats(3), true);
    expect(logger.lines).toEqual([
      'INFO orders: 1 records, 1,000 records/s',
      'INFO orders: 3 records, 1 records/s',
      'INFO orders: 3 records, 1 records/s',
    ]);
  });

  it('draws a live status line on a terminal instead of logging, and logs the final figures', () => {
    const clock = createFakeClock(0);
    const logger = createMemoryLogger('info');
    const drawn: Array<string | null> = [];
    const reporter = new ProgressReporter(logger, clock, 5000, { set: (t) => drawn.push(t) });
    clock.advance(1000);
    reporter.update(stats(10));
    clock.advance(300);
    reporter.update(stats(20));
    reporter.update(stats(20), true);
    expect(drawn).toEqual(['orders: 10 records, 10 records/s', 'orders: 20 records, 15 records/s', null]);
    expect(logger.lines).toEqual(['INFO orders: 20 records, 15 records/s']);
  });

  it('clears and redraws the status line around other stderr lines', () => {
    const written: string[] = [];
    const terminal = createTerminalStatus({ write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream);
    terminal.set('orders: 10 records');
    terminal.writeLine('INFO hello');
    expect(written.join('')).toBe('\r\x1b[2Korders: 10 records\r\x1b[2KINFO hello\norders: 10 records');
  });
});
