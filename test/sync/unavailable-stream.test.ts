import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { selectAll } from '../../src/singer/catalog.js';
import { StreamsFailedError } from '../../src/sync/engine.js';
import { lastState, recordsOf, sync } from '../helpers/engine-run.js';
import { serveFixtures } from '../helpers/fixture-api.js';

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const streamsNamed = (...names: string[]) => selectAll().filter((s) => names.includes(s.definition.name));

describe('a table the store does not serve (404 on its own endpoint)', () => {
  it('an optional stream is skipped with one warning naming it; the other streams complete; its bookmark is untouched', async () => {
    serveFixtures({ missing: ['/v3/content/pages'] });
    const { messages, error, logger } = await sync({ streams: streamsNamed('pages', 'orders') });
    expect(error).toBeUndefined();
    expect(recordsOf(messages, 'orders')).toHaveLength(3);
    expect(recordsOf(messages, 'pages')).toEqual([]);
    // The first-ever sync's opening ACTIVATE_VERSION only (an empty table appears); no closing one.
    const activations = messages.filter((m) => m.type === 'ACTIVATE_VERSION' && m.stream === 'pages');
    expect(activations).toHaveLength(1);
    expect(messages.indexOf(activations[0]!)).toBeLessThan(messages.findIndex((m) => m.type === 'RECORD'));
    expect(lastState(messages).bookmarks.pages).toEqual({ version: activations[0]!.version });
    expect(logger.lines.filter((l) => l.startsWith('WARN') && l.includes('pages'))).toEqual([
      'WARN Skipped 1 stream this store does not serve (404 Not Found): pages. The feature may be off for this store; deselect the stream, or set strict_scopes to fail instead (details at --log-level debug).',
    ]);
  });

  it('with strict_scopes the run fails on it', async () => {
    serveFixtures({ missing: ['/v3/content/pages'] });
    const { error } = await sync({ streams: streamsNamed('pages', 'orders'), config: { strict_scopes: true } });
    expect((error as Error).message).toMatch(/^GET \/v3\/content\/pages.* returned 404 Not Found: BigCommerce does not know this path/);
  });

  it('one of the original four streams still fails the run (a wrong api_url or store_hash shows there first)', async () => {
    serveFixtures({ missing: ['/v2/coupons'] });
    const { messages, error } = await sync({ streams: streamsNamed('coupons', 'orders') });
    expect(error).not.toBeInstanceOf(StreamsFailedError);
    expect((error as Error).message).toMatch(/^GET \/v2\/coupons.* returned 404 Not Found/);
    expect(messages.at(-1)!.type).toBe('STATE');
  });
});

describe('an optional table whose endpoint refuses the query (400/422)', () => {
  it('fails that stream only: the others complete, then the run fails naming it', async () => {
    serveFixtures({ refuse: ['/v3/content/pages'] });
    const { messages, error, logger } = await sync({ streams: streamsNamed('pages', 'orders') });
    expect(error).toBeInstanceOf(StreamsFailedError);
    expect((error as Error).message).toMatch(/^Stream "pages" failed, the others completed: GET \/v3\/content\/pages.* returned 422/);
    expect(recordsOf(messages, 'orders')).toHaveLength(3);
    expect(logger.lines.filter((l) => l.startsWith('ERROR pages:'))).toHaveLength(1);
  });

  it('one of the original four stops the run at once, after a STATE', async () => {
    serveFixtures({ refuse: ['/v2/coupons'] });
    const { messages, error } = await sync({ streams: streamsNamed('coupons', 'orders') });
    expect(error).not.toBeInstanceOf(StreamsFailedError);
    expect((error as Error).message).toMatch(/returned 422/);
    expect(messages.at(-1)!.type).toBe('STATE');
  });
});
