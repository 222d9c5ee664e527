import { describe, expect, it } from 'vitest';
import { createFakeClock, createFakeTicker } from '../../src/clock.js';
import { createLogger } from '../../src/logger.js';
import { ProgressReporter } from '../../src/sync/progress.js';
import type { StreamStats } from '../../src/sync/sync-stats.js';
import { createTerminalDisplay } from '../../src/sync/terminal-display.js';
import { renderScreen } from '../helpers/screen.js';

/** A terminal stream that records what is written to it (forced TTY mode). */
function fakeTerminal(columns = 100) {
  const chunks: string[] = [];
  return {
    out: { isTTY: true, columns, write: (chunk: string) => chunks.push(chunk) > 0 },
    output: () => chunks.join(''),
  };
}

const FULL = '█';
const EMPTY = '░';

describe('the terminal display (cli-progress bars, in forced TTY mode)', () => {
  it('draws one bar per running stream with its figures, log lines above the bars, and leaves a clean screen', async () => {
    const terminal = fakeTerminal();
    const display = createTerminalDisplay(terminal.out);
    display.writeLine('INFO orders: incremental sync from date_modified 2024-01-01T00:00:00Z');
    display.show([
      { stream: 'orders', records: 100, total: 400, text: '100 of ~400 records (25%), 50 records/s, ETA 6s' },
      { stream: 'order_products', records: 7, text: '7 records, 3 records/s' },
    ]);
    expect(await renderScreen(terminal.output())).toEqual([
      'INFO orders: incremental sync from date_modified 2024-01-01T00:00:00Z',
      `orders         ${FULL.repeat(6)}${EMPTY.repeat(18)} 100 of ~400 records (25%), 50 records/s, ETA 6s`,
      `order_products ${EMPTY.repeat(24)} 7 records, 3 records/s`,
    ]);

    display.writeLine('WARN something happened');
    display.show([{ stream: 'orders', records: 400, total: 400, text: '400 of ~400 records (100%)' }]);
    expect(await renderScreen(terminal.output())).toEqual([
      'INFO orders: incremental sync from date_modified 2024-01-01T00:00:00Z',
      'WARN something happened',
      `orders ${FULL.repeat(24)} 400 of ~400 records (100%)`,
    ]);

    display.clear();
    display.writeLine('INFO Sync summary');
    expect(await renderScreen(terminal.output())).toEqual([
      'INFO orders: incremental sync from date_modified 2024-01-01T00:00:00Z',
      'WARN something happened',
      'INFO Sync summary',
    ]);
  });

  it('cuts a line at the terminal width instead of wrapping it (a wrapped line would break the redraw)', async () => {
    const terminal = fakeTerminal(40);
    const display = createTerminalDisplay(terminal.out);
    display.show([{ stream: 'orders', records: 1, total: 2, text: 'abcdefghijklmnopqrstuvwxyz' }]);
    const screen = await renderScreen(terminal.output(), 40);
    display.clear();
    expect(screen).toEqual([`orders ${FULL.repeat(12)}${EMPTY.repeat(12)} abcdefg`]);
  });

  it('with the reporter and an injected clock, every tick redraws the bar though no record arrives', async () => {
    const terminal = fakeTerminal();
    const display = createTerminalDisplay(terminal.out);
    const clock = createFakeClock(0);
    const ticker = createFakeTicker();
    const streams: StreamStats[] = [{ stream: 'orders', records: 100, totalInWindow: 400, startedAtMs: 0, status: 'running' }];
    const logger = createLogger({ level: 'info', write: (line) => display.writeLine(line) });
    const reporter = new ProgressReporter({ logger, clock, streams, ticker, view: display, requestsOf: () => 12 });
    reporter.start();
    expect(ticker.intervals()).toEqual([1000]);
    const screens: string[][] = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      ticker.tick();
      screens.push(await renderScreen(terminal.output()));
    }
    const bar = `orders ${FULL.repeat(6)}${EMPTY.repeat(18)} 100 of ~400 records (25%), 12 requests`;
    expect(screens).toEqual([[`${bar}, 100 records/s, ETA 3s`], [`${bar}, 50 records/s, ETA 2s`], [`${bar}, 33 records/s, ETA 1s`]]);
    streams[0]!.status = 'complete';
    streams[0]!.finishedAtMs = 3000;
    reporter.update(streams[0]!, true);
    reporter.stop();
    expect(await renderScreen(terminal.output())).toEqual(['INFO orders: 100 records in 3.0s (33 records/s), 12 requests']);
    expect(ticker.intervals()).toEqual([]);
  });
});
