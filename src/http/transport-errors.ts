import { redact } from '../logger.js';
import { NetworkError, type RequestContext, RequestTimeoutError } from './errors.js';

/** Connection failures worth another attempt: the server or network dropped us, not a wrong address. */
const RETRIABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
  // A compressed body cut short or garbled on the way: the next attempt may get it whole.
  'Z_BUF_ERROR',
  'Z_DATA_ERROR',
]);

/**
 * Turns what the transport threw into a typed failure: our own abort is a timeout, a system error is a NetworkError.
 * Anything else (a TypeError, a bug) is returned unchanged so it is never retried.
 */
export function translateTransportError(
  error: unknown,
  context: RequestContext & { isTimedOut: boolean; timeoutMs: number; secrets: readonly string[] },
): unknown {
  const path = redact(context.path, context.secrets);
  const base = { method: context.method, path };
  if (context.isTimedOut) {
    return new RequestTimeoutError(
      `${context.method} ${path} timed out after ${context.timeoutMs} ms without a complete response (request_timeout_s).`,
      { ...base, cause: sanitizeCause(error, context.secrets) },
    );
  }
  if (!(error instanceof Error)) return error;
  const code = errorCode(error);
  const isHangUp = /socket hang up|premature close/i.test(error.message);
  if (code === undefined && !isHangUp && error.name !== 'FetchError') return error;
  const isRetriable = isHangUp || (code !== undefined && RETRIABLE_CODES.has(code));
  const label = code ?? (isHangUp ? 'socket hang up' : 'unknown');
  const advice = code === 'ENOTFOUND' ? ' The host of api_url cannot be resolved: check api_url.' : '';
  return new NetworkError(`${context.method} ${path} failed: connection error ${label}.${advice}`, {
    ...base,
    code,
    isRetriable,
    cause: sanitizeCause(error, context.secrets),
  });
}

/**
 * A copy of a low-level error that is safe to log: URLs (host, store path) reduced to `<url>` and secrets masked.
 * fetch errors quote the full URL, and JSON parse errors quote the body.
 */
export function sanitizeCause(error: unknown, secrets: readonly string[]): Error {
  const source = error instanceof Error ? error : new Error(String(error));
  const safe = new Error(redact(source.message.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s,'"]+/gi, '<url>'), secrets));
  safe.name = source.name;
  const code = errorCode(source);
  if (code !== undefined) Object.assign(safe, { code });
  return safe;
}

function errorCode(error: Error): string | undefined {
  const withCode = error as Error & { code?: unknown; errno?: unknown; cause?: unknown };
  if (typeof withCode.code === 'string') return withCode.code;
  if (typeof withCode.errno === 'string') return withCode.errno;
  if (withCode.cause instanceof Error) return errorCode(withCode.cause);
  return undefined;
}
