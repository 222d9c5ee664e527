import { STATUS_CODES } from 'node:http';
import { redact } from '../logger.js';
import { bodyExcerpt, extractErrorMessage } from './error-body.js';
import {
  BadRequestError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  RateLimitedError,
  type RequestContext,
  ServerError,
  UnauthorizedError,
} from './errors.js';
import type { ScopeInfo } from './types.js';

export interface StatusErrorInput extends RequestContext {
  status: number;
  bodyText: string;
  stream: string;
  storeHash: string;
  scopes: Record<string, ScopeInfo>;
  /** Strings that must never appear in a message or details (the access token). */
  secrets: readonly string[];
  retriableStatuses: readonly number[];
  /** For 429: how long the server says to wait, from its headers. */
  resetMs?: number | undefined;
  /** Path and query, for `details` only. */
  target?: string;
}

/** `403 Forbidden`: the status with its standard reason phrase. */
export function statusLine(status: number): string {
  const text = STATUS_CODES[status];
  return text === undefined ? String(status) : `${status} ${text}`;
}

/** Turns a non-2xx response into the typed, actionable error for its status. Never includes a secret. */
export function createStatusError(input: StatusErrorInput): HttpError {
  const { status, method, secrets } = input;
  const path = redact(input.path, secrets);
  const head = `${method} ${path} returned ${statusLine(status)}`;
  const serverMessage = extractErrorMessage(input.bodyText);
  const withServer = (text: string | undefined) => (text === undefined ? head : `${head}: ${text}`);
  const excerpt = bodyExcerpt(input.bodyText);
  const details = redact(
    `${method} ${input.target ?? input.path} -> ${status}${excerpt === '' ? ' (empty body)' : `; body: ${excerpt}`}`,
    secrets,
  );
  const options = { status, method, path, details, isRetriable: input.retriableStatuses.includes(status) };
  const safe = (message: string) => redact(message, secrets);

  switch (status) {
    case 401:
      return new UnauthorizedError(
        safe(`${head}: the access token is invalid or revoked. Create a new store-level API account token and set access_token.`),
        options,
      );
    case 403:
      return new ForbiddenError(safe(forbiddenMessage(head, input)), options);
    case 404:
      return new NotFoundError(
        safe(
          `${head}: BigCommerce does not know this path${serverMessage === undefined ? '' : ` (${serverMessage})`}. Check api_url and store_hash.`,
        ),
        options,
      );
    case 400:
    case 422:
      return new BadRequestError(safe(withServer(serverMessage)), options);
    case 429:
      return new RateLimitedError(safe(withServer(serverMessage)), { ...options, resetMs: input.resetMs });
    default:
      if (status >= 500) return new ServerError(safe(withServer(serverMessage ?? serverHint(status))), options);
      if (status >= 300 && status < 400) {
        return new HttpError(safe(`${head}: redirects are not followed. Check api_url.`), options);
      }
      return new HttpError(safe(withServer(serverMessage)), options);
  }
}

function forbiddenMessage(head: string, input: StatusErrorInput): string {
  const scope = input.scopes[input.stream];
  const lacks = scope
    ? `the access token lacks the ${scope.label} read-only scope (${scope.id}) needed by stream "${input.stream}"`
    : `the access token lacks a scope needed by stream "${input.stream}"`;
  return (
    `${head}: ${lacks}, or the store hash "${input.storeHash}" is wrong (BigCommerce answers 403 for both). ` +
    `Check the API account's scopes and store_hash.`
  );
}

function serverHint(status: number): string {
  if (status === 503) return 'the store may be down for maintenance or suspended (see status.bigcommerce.com)';
  if (status === 502 || status === 504) return 'a gateway between the tap and BigCommerce failed';
  return 'BigCommerce failed to handle the request';
}
