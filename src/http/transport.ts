import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { HeaderReader } from './rate-limiter.js';

/** A whole response: status, headers and the decoded body text. */
export interface HttpResponse {
  status: number;
  headers: HeaderReader;
  body: string;
}

/** One request on the wire: its response, and a way to abandon it (the per-attempt timeout). */
export interface PendingRequest {
  response: Promise<HttpResponse>;
  /** Destroys the request; `response` rejects with `reason`. */
  abort(reason: Error): void;
}

/**
 * Sends one GET with these headers. The default is `createHttpTransport`; tests wrap it (to count requests in
 * flight or move a virtual clock) or replace it (to throw what no server can).
 */
export type SendRequest = (url: string, headers: Readonly<Record<string, string>>) => PendingRequest;

export interface HttpTransport {
  send: SendRequest;
  /** Releases the keep-alive sockets. */
  close(): void;
}

/** Compressed bodies the transport asks for and decodes (BigCommerce compresses JSON with gzip). */
const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * GET over Node's own `http`/`https` on a keep-alive agent of `maxSockets`: a fraction of the CPU per request
 * that node-fetch or `fetch` spend wrapping the same sockets in WHATWG objects (bench/http-client-micro.ts),
 * and what nock intercepts in tests. Redirects are not followed (a 3xx is an answer like any other); gzip,
 * deflate and brotli bodies are decoded; the body is read whole as UTF-8.
 */
export function createHttpTransport(options: { isHttps: boolean; maxSockets: number }): HttpTransport {
  const agent = options.isHttps
    ? new https.Agent({ keepAlive: true, maxSockets: options.maxSockets })
    : new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const get = options.isHttps ? https.get : http.get;
  return {
    send(url, headers) {
      let request: http.ClientRequest | undefined;
      const response = new Promise<HttpResponse>((resolve, reject) => {
        request = get(url, { headers: { ...headers, 'Accept-Encoding': ACCEPT_ENCODING }, agent }, (incoming) =>
          readWhole(incoming).then(resolve, reject),
        );
        request.on('error', reject);
      });
      return { response, abort: (reason) => request?.destroy(reason) };
    },
    close: () => agent.destroy(),
  };
}

/** The body as text, decoded per `Content-Encoding`; rejects if the connection drops before its end. */
function readWhole(incoming: IncomingMessage): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const source = decoded(incoming);
    source.setEncoding('utf8');
    let body = '';
    source.on('data', (chunk: string) => {
      body += chunk;
    });
    source.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: headerReader(incoming.headers), body }));
    source.on('error', reject);
    if (source !== incoming) incoming.on('error', reject);
  });
}

function decoded(incoming: IncomingMessage): Readable {
  const encoding = incoming.headers['content-encoding']?.trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return incoming.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return incoming.pipe(zlib.createInflate());
  if (encoding === 'br') return incoming.pipe(zlib.createBrotliDecompress());
  return incoming;
}

/** Node's header object (lower-case names) read like `Headers.get`: case-insensitive, repeated values joined. */
function headerReader(headers: http.IncomingHttpHeaders): HeaderReader {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
