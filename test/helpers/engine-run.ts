import { PassThrough } from 'node:stream';
import { createFakeClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { createApiClient } from '../../src/http/client.js';
import { createMemoryLogger } from '../../src/logger.js';
import { selectAll } from '../../src/singer/catalog.js';
import { createSingerSink } from '../../src/singer/singer-sink.js';
import { emptyState, type TapState } from '../../src/state.js';
import { scopesByStream } from '../../src/streams/index.js';
import { syncToSink } from '../../src/sync/engine.js';
import { API, STORE } from './fixture-api.js';

/** Runs the engine in-process against the fixture API (nock) with a fake clock; returns the Singer messages. */
export type Message = Record<string, any>;

export async function sync(
  options: { state?: TapState; streams?: ReturnType<typeof selectAll>; config?: Record<string, unknown>; stateIntervalMs?: number } = {},
) {
  const clock = createFakeClock(Date.UTC(2024, 5, 1, 0, 0, 5));
  const logger = createMemoryLogger('info');
  const { config } = parseConfig({
    store_hash: STORE,
    access_token: 'tok-secret-999',
    start_date: '2024-01-01T00:00:00Z',
    api_url: API,
    page_size: 2,
    // Deletion scans have tests of their own: off unless a test asks for them.
    detect_deletes: false,
    ...options.config,
  });
  const client = createApiClient({
    apiUrl: API,
    storeHash: STORE,
    accessToken: config.accessToken,
    userAgent: 'test',
    requestTimeoutMs: 1000,
    maxRetries: 0,
    maxConcurrency: 4,
    clock,
    logger,
    scopes: scopesByStream(),
  });
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  let error: unknown;
  try {
    await syncToSink(
      {
        client,
        config,
        logger,
        clock,
        state: options.state ?? emptyState(),
        streams: options.streams ?? selectAll(),
        stateIntervalMs: options.stateIntervalMs ?? 0,
      },
      createSingerSink(out),
    );
  } catch (e) {
    error = e;
  }
  const messages: Message[] = Buffer.concat(chunks)
    .toString('utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { messages, logger, error };
}

export const recordsOf = (messages: Message[], stream: string) =>
  messages.filter((m) => m.type === 'RECORD' && m.stream === stream).map((m) => m.record);
export const lastState = (messages: Message[]) => messages.filter((m) => m.type === 'STATE').at(-1)!.value;
