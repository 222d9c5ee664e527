import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { OutputClosedError } from '../../src/errors.js';
import { createSingerSink } from '../../src/singer/singer-sink.js';
import type { TapEvent } from '../../src/sync/events.js';

async function collectOutput(events: TapEvent[]): Promise<unknown[]> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const sink = createSingerSink(out);
  for (const event of events) await sink.write(event);
  await sink.flush();
  return Buffer.concat(chunks)
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('Singer sink', () => {
  it('writes SCHEMA, RECORD, STATE and ACTIVATE_VERSION messages one per line', async () => {
    const lines = await collectOutput([
      {
        type: 'schema',
        stream: 'orders',
        schema: { type: 'object', properties: { id: { type: 'integer' } } },
        keyProperties: ['id'],
        bookmarkProperties: ['date_modified'],
      },
      { type: 'record', stream: 'orders', record: { id: 1, note: 'a "quoted"\nline' }, timeExtracted: '2024-01-01T00:00:00.000Z' },
      { type: 'activate_version', stream: 'coupons', version: 7 },
      { type: 'record', stream: 'coupons', record: { id: 2 }, timeExtracted: '2024-01-01T00:00:00.000Z', version: 7 },
      { type: 'stream_status', stream: 'orders', status: 'COMPLETE' },
      { type: 'state', value: { bookmarks: {} } },
    ]);
    expect(lines).toEqual([
      {
        type: 'SCHEMA',
        stream: 'orders',
        schema: { type: 'object', properties: { id: { type: 'integer' } } },
        key_properties: ['id'],
        bookmark_properties: ['date_modified'],
      },
      { type: 'RECORD', stream: 'orders', record: { id: 1, note: 'a "quoted"\nline' }, time_extracted: '2024-01-01T00:00:00.000Z' },
      { type: 'ACTIVATE_VERSION', stream: 'coupons', version: 7 },
      { type: 'RECORD', stream: 'coupons', record: { id: 2 }, version: 7, time_extracted: '2024-01-01T00:00:00.000Z' },
      { type: 'STATE', value: { bookmarks: {} } },
    ]);
  });

  it('encodes UTF-8 (accents, symbols, surrogate pairs) exactly, in lines longer than a chunk and across chunks', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const sink = createSingerSink(out, { chunkBytes: 64 });
    const notes = ['café €5 😀', 'x'.repeat(300), '日本語'.repeat(40), ''];
    for (const [i, note] of notes.entries()) {
      await sink.write({ type: 'record', stream: 'orders', record: { id: i, note }, timeExtracted: 't' });
    }
    await sink.write({ type: 'state', value: { bookmarks: { orders: { note: '😀' } } } });
    await sink.flush();
    const lines = Buffer.concat(chunks).toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      ...notes.map((note, id) => ({ type: 'RECORD', stream: 'orders', record: { id, note }, time_extracted: 't' })),
      { type: 'STATE', value: { bookmarks: { orders: { note: '😀' } } } },
    ]);
  });

  describe('chunk memory: reused only where the stream has let go of it', () => {
    const records = Array.from({ length: 400 }, (_, id) => ({ id, note: `n${id}` }));
    const expected = records.map((record) => ({ type: 'RECORD', stream: 'orders', record, time_extracted: 't' }));

    it('a PassThrough whose reader keeps every chunk gets each line intact (no buffer written over)', async () => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const sink = createSingerSink(out, { chunkBytes: 1024 });
      for (const record of records) {
        await sink.write({ type: 'record', stream: 'orders', record, timeExtracted: 't' });
        // Let the stream call back between records, as it does between pages in a sync.
        if (record.id % 10 === 0) await new Promise(setImmediate);
      }
      await sink.flush();
      const lines = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n');
      expect(lines.map((l) => JSON.parse(l))).toEqual(expected);
    });

    it('a file stream (a file descriptor, where chunks are reused) gets each line intact', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tap-bc-sink-'));
      try {
        const file = join(dir, 'out.ndjson');
        const out = createWriteStream(file);
        await new Promise((resolve) => out.once('open', resolve));
        const sink = createSingerSink(out, { chunkBytes: 1024 });
        for (const record of records) {
          await sink.write({ type: 'record', stream: 'orders', record, timeExtracted: 't' });
          // Let the stream call back between records, as it does between pages in a sync.
          if (record.id % 10 === 0) await new Promise(setImmediate);
        }
        await sink.flush();
        await new Promise((resolve) => out.end(resolve));
        const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
        expect(lines.map((l) => JSON.parse(l))).toEqual(expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('stops pulling records once the output buffer is full when the reader never reads', async () => {
    const neverReads = new Writable({ highWaterMark: 1024, write: () => undefined });
    const sink = createSingerSink(neverReads, { chunkBytes: 512 });
    let pulled = 0;
    const producer = (async () => {
      for (let i = 0; i < 100_000; i++) {
        pulled++;
        const pending = sink.write({ type: 'record', stream: 'orders', record: { id: i, pad: 'x'.repeat(100) }, timeExtracted: 't' });
        if (pending) await pending;
      }
    })();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    // A few chunks fit (one in the stream's buffer, one being "written"); then the producer must wait.
    expect(pulled).toBeLessThan(20);
    // Many more turns of the event loop (no wall-clock wait): still blocked, nothing more pulled.
    let isFinished = false;
    // (The destroy below rejects the producer: that rejection is handled here and awaited at the end.)
    void producer.then(
      () => (isFinished = true),
      () => undefined,
    );
    const pulledWhenBlocked = pulled;
    for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(pulled).toBe(pulledWhenBlocked);
    expect(isFinished).toBe(false);
    neverReads.destroy();
    await producer.catch(() => undefined);
  });

  it('turns a closed pipe into OutputClosedError (exit 141)', async () => {
    const closed = new Writable({
      write: (_chunk, _enc, callback) => callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })),
    });
    const sink = createSingerSink(closed, { chunkBytes: 1 });
    let error: unknown;
    for (let i = 0; i < 3 && error === undefined; i++) {
      try {
        await sink.write({ type: 'state', value: {} });
        await new Promise((resolve) => setImmediate(resolve));
      } catch (e) {
        error = e;
      }
    }
    expect(error).toBeInstanceOf(OutputClosedError);
    expect((error as OutputClosedError).exitCode).toBe(141);
  });
});
