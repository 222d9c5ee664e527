import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../src/clock.js';
import { createApiClient } from '../../src/http/client.js';
import { NetworkError } from '../../src/http/errors.js';
import { createHttpTransport } from '../../src/http/transport.js';
import { createMemoryLogger } from '../../src/logger.js';
import { SCOPES, TOKEN } from './helpers.js';

/** A real server on 127.0.0.1 (nock can't cut a body short): routes by the last segment of the path. */
const ROUTES: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  '/gzip': (_q, r) => {
    r.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    r.end(zlib.gzipSync(JSON.stringify([{ id: 1, name: 'café' }])));
  },
  '/br': (_q, r) => {
    r.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'br' });
    r.end(zlib.brotliCompressSync(JSON.stringify([{ id: 2 }])));
  },
  '/deflate': (_q, r) => {
    r.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'deflate' });
    r.end(zlib.deflateSync(JSON.stringify([{ id: 3 }])));
  },
  '/echo': (q, r) => {
    r.writeHead(200, { 'Content-Type': 'application/json', 'X-Rate-Limit-Requests-Left': '7', 'Set-Cookie': ['a=1', 'b=2'] });
    r.end(JSON.stringify(q.headers));
  },
  '/redirect': (_q, r) => {
    r.writeHead(302, { Location: 'https://elsewhere.test/' });
    r.end();
  },
  '/cut': (_q, r) => {
    // Promises 1000 bytes, sends 10, then drops the connection.
    r.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
    r.write('[{"id": 1,');
    setTimeout(() => r.socket?.destroy(), 20);
  },
  '/hang': () => undefined,
};

let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer((q, r) => ROUTES[`/${q.url?.split('?')[0]?.split('/').pop() ?? ''}`]?.(q, r));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createHttpTransport (node:http on a keep-alive agent)', () => {
  const transport = createHttpTransport({ isHttps: false, maxSockets: 2 });
  afterAll(() => transport.close());

  it.each([
    ['/gzip', '[{"id":1,"name":"café"}]'],
    ['/br', '[{"id":2}]'],
    ['/deflate', '[{"id":3}]'],
  ])('decodes %s bodies', async (path, body) => {
    const response = await transport.send(`${baseUrl}${path}`, {}).response;
    expect(response).toMatchObject({ status: 200, body });
  });

  it('sends the headers and asks for compression; reads response headers case-insensitively, repeated ones joined', async () => {
    const response = await transport.send(`${baseUrl}/echo`, { 'X-Auth-Token': 'tok', Accept: 'application/json' }).response;
    expect(JSON.parse(response.body)).toMatchObject({
      'x-auth-token': 'tok',
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate, br',
      connection: 'keep-alive',
    });
    expect(response.headers.get('X-Rate-Limit-Requests-Left')).toBe('7');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.get('x-missing')).toBeNull();
  });

  it('does not follow redirects', async () => {
    const response = await transport.send(`${baseUrl}/redirect`, {}).response;
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://elsewhere.test/');
  });

  it('rejects when the connection drops before the end of the body', async () => {
    await expect(transport.send(`${baseUrl}/cut`, {}).response).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('abort rejects with the reason given', async () => {
    const pending = transport.send(`${baseUrl}/hang`, {});
    const reason = new Error('timed out');
    setTimeout(() => pending.abort(reason), 20);
    await expect(pending.response).rejects.toBe(reason);
  });
});

describe('the client over the transport', () => {
  const client = (startTimer?: (ms: number, onTimeout: () => void) => () => void) =>
    createApiClient({
      apiUrl: baseUrl,
      storeHash: 'abc123',
      accessToken: TOKEN,
      userAgent: 'tap-bigcommerce/test',
      requestTimeoutMs: 1_000,
      maxRetries: 0,
      maxConcurrency: 2,
      clock: createFakeClock(),
      logger: createMemoryLogger('info'),
      scopes: SCOPES,
      ...(startTimer ? { startTimer } : {}),
    });

  it('a body cut short is a retriable connection error', async () => {
    const c = client();
    const error = await c.get({ apiVersion: 'v2', path: '/cut', stream: 'orders' }).catch((e: unknown) => e);
    c.close();
    expect(error).toMatchObject({ message: expect.stringContaining('connection error ECONNRESET') });
    expect((error as { cause: unknown }).cause).toBeInstanceOf(NetworkError);
    expect(((error as { cause: unknown }).cause as NetworkError).isRetriable).toBe(true);
  });

  it('the per-attempt timeout ends a request that never answers', async () => {
    const c = client((_ms, onTimeout) => {
      const handle = setTimeout(onTimeout, 20);
      return () => clearTimeout(handle);
    });
    const error = await c.get({ apiVersion: 'v2', path: '/hang', stream: 'orders' }).catch((e: unknown) => e);
    c.close();
    expect((error as Error).message).toBe(
      'GET /v2/hang failed after 1 attempt; the last one timed out after 1000 ms. BigCommerce may be overloaded or down (status.bigcommerce.com): try again later or raise max_retries.',
    );
  });
});
