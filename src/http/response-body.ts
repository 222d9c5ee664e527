import { redact } from '../logger.js';
import { bodyExcerpt } from './error-body.js';
import { InvalidResponseError, type RequestContext } from './errors.js';
import { sanitizeCause } from './transport-errors.js';
import type { ApiPage, ApiVersion } from './types.js';

export interface SuccessBodyInput extends RequestContext {
  apiVersion: ApiVersion;
  status: number;
  bodyText: string;
  secrets: readonly string[];
}

/**
 * Parses a 2xx body into records. v2: a bare array, or a bare object for single-object endpoints; 204 or an empty
 * 200 means no records. v3: `{data: [...] | {...}, meta}`. Anything else (an HTML maintenance page, a truncated
 * body) throws a retriable InvalidResponseError: never a crash, never a silent empty page.
 */
export function parseSuccessBody(input: SuccessBodyInput): Omit<ApiPage, 'serverTimeMs'> {
  const { status, bodyText, apiVersion } = input;
  const isEmpty = bodyText.trim() === '';
  if (status === 204 || (isEmpty && apiVersion === 'v2')) return { records: [], body: null, status };
  if (isEmpty) throw invalid(input, 'an empty body');

  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch (error) {
    throw invalid(input, 'a body that is not JSON', error);
  }

  if (apiVersion === 'v2') {
    if (Array.isArray(body)) {
      if (!body.every(isRecord)) throw invalid(input, 'an array that does not hold only objects');
      return { records: body, body, status };
    }
    if (isRecord(body)) return { records: [body], body, status };
    throw invalid(input, 'a body that is neither an array nor an object');
  }

  if (!isRecord(body) || !('data' in body)) throw invalid(input, 'a body without the v3 "data" envelope');
  const data = body.data;
  if (Array.isArray(data)) {
    if (!data.every(isRecord)) throw invalid(input, 'a "data" array that does not hold only objects');
    return { records: data, body, status };
  }
  if (isRecord(data)) return { records: [data], body, status };
  throw invalid(input, 'a "data" member that is neither an array nor an object');
}

function invalid(input: SuccessBodyInput, what: string, cause?: unknown): InvalidResponseError {
  const excerpt = redact(bodyExcerpt(input.bodyText), input.secrets);
  const path = redact(input.path, input.secrets);
  const start = excerpt.slice(0, 40).replace(/\s+/g, ' ');
  const message =
    `${input.method} ${path} returned ${input.status} with ${what}` +
    (start === '' ? '' : ` (starts with ${JSON.stringify(start)})`) +
    `: BigCommerce or a proxy sent an error page or cut the response short.`;
  return new InvalidResponseError(message, {
    status: input.status,
    method: input.method,
    path,
    isRetriable: true,
    details: `body: ${excerpt}`,
    ...(cause === undefined ? {} : { cause: sanitizeCause(cause, input.secrets) }),
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
