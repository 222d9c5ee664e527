import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { selectAll } from '../../src/singer/catalog.js';
import { parseState } from '../../src/state.js';
import { IdSet } from '../../src/sync/deletions/id-set.js';
import { lastState, recordsOf, sync } from '../helpers/engine-run.js';
import { fixture, serveFixtures } from '../helpers/fixture-api.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('IdSet: the known ids in STATE', () => {
  it('round-trips ranges, and 20,000 ids with 200 random gaps stay under 4 KB (100,000 with 1%: about 3 KB)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const sizeFor = (count: number, gaps: number) => {
      const ids = new Set(Array.from({ length: count }, (_, i) => i + 1));
      while (ids.size > count - gaps) ids.delete(1 + Math.floor(random() * count));
      const encoded = IdSet.of(ids).encode();
      expect([...IdSet.decode(encoded)]).toEqual([...ids].sort((a, b) => a - b));
      return encoded.length;
    };
    expect(sizeFor(20_000, 200)).toBeLessThan(4096);
    expect(sizeFor(100_000, 1_000)).toBeLessThan(3_500);
    // [1..3], [7..8], [100]: gaps 1, 4, 92 and lengths 2, 1, 0 as varints.
    expect([...Buffer.from(IdSet.of([1, 2, 3, 7, 8, 100]).encode(), 'base64url')]).toEqual([1, 2, 4, 1, 92, 0]);
  });
});

describe('archived orders when the API ignores is_deleted=true', () => {
  it('falls back to comparing ids, reads each candidate by its own path, writes each archived order once', async () => {
    const orders = fixture('orders');
    const archived = { ...orders[0]!, id: 999, is_deleted: true };
    const known = IdSet.of([999, ...orders.map((o) => Number(o.id))]).encode();
    const state = parseState(
      {
        bookmarks: {
          orders: {
            replication_key: 'date_modified',
            replication_key_value: '2024-05-02T08:30:45Z',
            deletions: { known, scanned_at: '2024-05-01T00:00:00Z' },
          },
        },
      },
      ['orders'],
    );
    const api = serveFixtures({ archivedOrders: [archived] });
    const streams = selectAll().filter((s) => s.definition.name === 'orders');
    const { messages, error, logger } = await sync({ streams, state, config: { detect_deletes: true } });
    expect(error).toBeUndefined();
    expect(logger.lines.some((l) => l.includes('the API ignores or refuses the archived-records filter; comparing ids instead'))).toBe(
      true,
    );
    // 999 from the deletion pass (1003, flagged in the fixture, comes from the walk itself).
    expect(
      recordsOf(messages, 'orders')
        .filter((o) => o.is_deleted === true)
        .map((o) => o.id),
    ).toEqual([1003, 999]);
    expect(api.requests).toContain('/v2/orders/999');
    expect(lastState(messages).bookmarks.orders.deletions.archived).toBe(IdSet.of([999]).encode());

    nock.cleanAll();
    serveFixtures({ archivedOrders: [archived] });
    const again = await sync({ streams, state: parseState(lastState(messages), ['orders']), config: { detect_deletes: true } });
    expect(recordsOf(again.messages, 'orders').filter((o) => o.id === 999)).toEqual([]);
  });
});
