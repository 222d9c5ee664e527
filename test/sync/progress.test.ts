import { describe, expect, it } from 'vitest';
import { createFakeClock, createFakeTicker } from '../../src/clock.js';
import { createMemoryLogger } from '../../src/logger.js';
import { parseState } from '../../src/state.js';
import {
  bookmarksOf,
  describeProgress,
  describeStreamEnd,
  formatDuration,
  ProgressReporter,
  type ProgressRow,
} from '../../src/sync/progress.js';
import type { StreamStats } from '../../src/sync/sync-stats.js';

const running = (stream: string, records: number, total?: number, startedAtMs = 0): StreamStats => ({
  stream,
  records,
  startedAtMs,
  status: 'running',
  ...(total === undefined ? {} : { totalInWindow: total }),
});

function setup(options: { withView?: boolean; requests?: Record<string, number>; startBookmarks?: Record<string, string> } = {}) {
  const clock = createFakeClock(0);
  const ticker = createFakeTicker();
  const logger = createMemoryLogger('info');
  const streams: StreamStats[] = [];
  const shown: ProgressRow[][] = [];
  const cleared: number[] = [];
  const reporter = new ProgressReporter({
    logger,
    clock,
    streams,
    ticker,
    ...(options.withView
      ? { view: { show: (rows) => shown.push(rows.map((r) => ({ ...r }))), clear: () => cleared.push(clock.now()) } }
      : {}),
    requestsOf: (stream) => options.requests?.[stream] ?? 0,
    ...(options.startBookmarks ? { startBookmarks: options.startBookmarks } : {}),
  });
  reporter.start();
  /** Advances the fake clock one second and fires the tick, as the real timer would. */
  const second = () => {
    clock.advance(1000);
    ticker.tick();
  };
  return { clock, ticker, logger, streams, shown, cleared, reporter, second };
}

describe('progress figures', () => {
  it('describe requests, records, total, percentage, rate and ETA', () => {
    expect(describeProgress(running('orders', 2500, 10_000), 5000, 312, 15_000)).toBe(
      '2,500 of ~10,000 records (25%), 312 requests, 500 records/s, ETA 15s',
    );
    expect(describeProgress(running('orders', 300), 2000)).toBe('300 records, 150 records/s');
    expect([5_000, 125_000, 3_720_000].map(formatDuration)).toEqual(['5s', '2m 05s', '1h 02m']);
  });

  it("end of a stream: figures, or what happened when nothing was written (not '0 records of ~1 (0%)')", () => {
    const done = (records: number, finalBookmark?: string): StreamStats => ({
      stream: 'customers',
      records,
      startedAtMs: 0,
      finishedAtMs: 4000,
      status: 'complete',
      totalInWindow: 1,
      ...(finalBookmark ? { finalBookmark } : {}),
    });
    expect(describeStreamEnd(done(0, '2024-05-01T10:00:00Z'), 4000, 3, '2024-05-01T10:00:00Z')).toBe(
      'customers: no changes since 2024-05-01T10:00:00Z (bookmark kept), 3 requests',
    );
    expect(describeStreamEnd(done(0, '2024-01-01T00:00:00Z'), 4000, 2)).toBe(
      'customers: no records modified since 2024-01-01T00:00:00Z, 2 requests',
    );
    expect(describeStreamEnd({ ...done(0), stream: 'coupons' }, 4000, 2)).toBe('coupons: no records, 2 requests');
    expect(describeStreamEnd(done(1200, '2024-05-02T00:00:00Z'), 4000, 7, '2024-05-01T10:00:00Z')).toBe(
      'customers: 1,200 records in 4.0s (300 records/s), 7 requests, bookmark 2024-05-02T00:00:00Z',
    );
  });

  it("reads each stream's starting bookmark from the state (a child in step with its parent has the parent's)", () => {
    const state = parseState(
      {
        bookmarks: {
          orders: { replication_key: 'date_modified', replication_key_value: '2024-05-01T10:00:00Z' },
          coupons: { version: 5 },
          order_products: { parent: 'orders' },
        },
      },
      ['orders', 'coupons', 'order_products'],
    );
    expect(bookmarksOf(state)).toEqual({ orders: '2024-05-01T10:00:00Z', order_products: '2024-05-01T10:00:00Z' });
  });
});

describe('ProgressReporter on a terminal (a live view)', () => {
  it('redraws on every tick, even when no record arrived, with the ETA counting down', () => {
    const requests = { orders: 40 };
    const { streams, shown, second, clock } = setup({ withView: true, requests });
    clock.advance(9000);
    streams.push(running('orders', 0, 400, 9000));
    second(); // t = 10 s: started 1 s ago, nothing yet
    streams[0]!.records = 100;
    second(); // t = 11 s: 100 records in 2 s -> 50 records/s, 300 left -> 6 s
    requests.orders = 41;
    second(); // no record: the ETA counts down, requests still move
    second();
    expect(shown.map((rows) => rows.map((r) => r.text))).toEqual([
      ['0 of ~400 records (0%), 40 requests, 0 records/s'],
      ['100 of ~400 records (25%), 40 requests, 50 records/s, ETA 6s'],
      ['100 of ~400 records (25%), 41 requests, 33 records/s, ETA 5s'],
      ['100 of ~400 records (25%), 41 requests, 25 records/s, ETA 4s'],
    ]);
    expect(shown[1]).toEqual([{ stream: 'orders', records: 100, total: 400, text: expect.any(String) }]);
  });

  it('shows every running stream, drops finished ones before their final line, and clears the view on stop', () => {
    const { streams, shown, cleared, second, reporter, logger } = setup({ withView: true });
    streams.push(running('orders', 5, 10), running('order_products', 12));
    second();
    expect(shown.at(-1)!.map((r) => r.stream)).toEqual(['orders', 'order_products']);
    const orders = streams[0]!;
    Object.assign(orders, { status: 'complete', records: 10, finishedAtMs: 2000 });
    reporter.update(orders, true);
    expect(shown.at(-1)!.map((r) => r.stream)).toEqual(['order_products']);
    expect(logger.lines).toEqual(['INFO orders: 10 records in 2.0s (5 records/s), 0 requests']);
    reporter.stop();
    expect(cleared).toHaveLength(1);
  });
});

describe('ProgressReporter without a terminal (log lines)', () => {
  it('logs a first line one second after a stream starts, then one every 5 s, whether or not records arrive', () => {
    const { streams, logger, second } = setup({ requests: { orders: 3 } });
    streams.push(running('orders', 0, 400, 0));
    for (let s = 1; s <= 11; s++) {
      if (s === 4) streams[0]!.records = 40;
      second();
    }
    expect(logger.lines).toEqual([
      'INFO orders: 0 of ~400 records (0%), 3 requests, 0 records/s',
      'INFO orders: 40 of ~400 records (10%), 3 requests, 7 records/s, ETA 34s',
      'INFO orders: 40 of ~400 records (10%), 3 requests, 4 records/s, ETA 29s',
    ]);
  });

  it('without a ticker, logs only the final line of each stream', () => {
    const clock = createFakeClock(0);
    const logger = createMemoryLogger('info');
    const stats = running('coupons', 60, 60);
    const reporter = new ProgressReporter({ logger, clock, streams: [stats] });
    reporter.start();
    reporter.update(stats);
    clock.advance(1000);
    reporter.update({ ...stats, status: 'complete', finishedAtMs: 1000 }, true);
    expect(logger.lines).toEqual(['INFO coupons: 60 records in 1.0s (60 records/s)']);
  });
});
