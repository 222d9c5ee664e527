import { describe, expect, it } from 'vitest';
import { mergeWalks } from '../../src/sync/merge-walks.js';

async function* numbers(from: number, count: number, pulled: number[]) {
  for (let i = 0; i < count; i++) {
    pulled.push(from + i);
    yield from + i;
  }
}

describe('mergeWalks', () => {
  it('yields every item of every source once, tagged, with one done per source', async () => {
    const pulled: number[] = [];
    const seen: string[] = [];
    for await (const event of mergeWalks([numbers(0, 3, pulled), numbers(100, 2, pulled)])) {
      seen.push(event.isDone ? `done${event.index}` : `${event.index}:${event.item}`);
    }
    expect([...seen].sort()).toEqual(['0:0', '0:1', '0:2', '1:100', '1:101', 'done0', 'done1'].sort());
    expect(seen.indexOf('done0')).toBeGreaterThan(seen.indexOf('0:2'));
  });

  it('keeps each source at most one item ahead of the consumer', async () => {
    const pulled: number[] = [];
    const merged = mergeWalks([numbers(0, 100, pulled)]);
    await merged.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(pulled.length).toBeLessThanOrEqual(2);
    await merged.return(undefined);
  });

  it('holds few items when the consumer is the bottleneck (the budget shrinks), many when it starves', async () => {
    const pulled: number[] = [];
    const sources = Array.from({ length: 8 }, (_, i) => numbers(i * 1000, 100, pulled));
    let consumed = 0;
    let aheadAtEnd = Infinity;
    for await (const event of mergeWalks(sources)) {
      if (event.isDone) continue;
      consumed++;
      await new Promise((resolve) => setImmediate(resolve));
      if (consumed === 60) {
        aheadAtEnd = pulled.length - consumed;
        break;
      }
    }
    // At the start all 8 sources fetch at once; once items pile up, at most a couple stay ahead.
    expect(aheadAtEnd).toBeLessThanOrEqual(3);
  });

  it('rethrows the first error and stops the other sources', async () => {
    const pulled: number[] = [];
    async function* failing() {
      yield 1;
      throw new Error('boom');
    }
    const run = async () => {
      for await (const _ of mergeWalks([failing(), numbers(0, 1_000_000, pulled)])) {
        // consume
      }
    };
    await expect(run()).rejects.toThrow('boom');
    expect(pulled.length).toBeLessThan(10);
  });

  it('releases every source when the consumer stops early', async () => {
    const pulled: number[] = [];
    for await (const event of mergeWalks([numbers(0, 50, pulled), numbers(100, 50, pulled)])) {
      if (!event.isDone) break;
    }
    expect(pulled.length).toBeLessThan(6);
  });
});

describe('mergeWalks page budget', () => {
  it('never holds more pages than maxPagesInFlight, counting the one being written', async () => {
    let inMemory = 0;
    let most = 0;
    async function* pages(count: number) {
      for (let i = 0; i < count; i++) {
        inMemory++;
        most = Math.max(most, inMemory);
        await new Promise((resolve) => setImmediate(resolve));
        yield i;
      }
    }
    const sources = Array.from({ length: 8 }, () => pages(20));
    let written = 0;
    for await (const event of mergeWalks(sources, { maxPagesInFlight: 3 })) {
      if (event.isDone) continue;
      // Writing takes a while (the consumer is slow at first, then starves: the budget moves both ways).
      for (let i = 0; i < (written < 40 ? 3 : 0); i++) await new Promise((resolve) => setImmediate(resolve));
      written++;
      inMemory--;
    }
    expect(written).toBe(160);
    expect(most).toBe(3);
  });

  it('one source: the page being written and the next one fetched meanwhile', async () => {
    const pulled: number[] = [];
    const merged = mergeWalks([numbers(0, 100, pulled)]);
    await merged.next();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(pulled).toEqual([0, 1]);
    await merged.return(undefined);
  });
});
