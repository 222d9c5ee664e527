import { TapError } from '../errors.js';

/** What every failed request carries: where it failed and whether trying again can help. */
export interface RequestContext {
  method: string;
  /** Path below the host, without host or query: `/v2/orders`. */
  path: string;
}

interface FailureOptions extends RequestContext {
  isRetriable: boolean;
  cause?: unknown;
  details?: string;
}

/** The server answered with a status the client does not accept (or a body it cannot read). */
export class HttpError extends TapError {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly isRetriable: boolean;

  constructor(message: string, options: FailureOptions & { status: number }) {
    super(message, withOptional(options));
    this.status = options.status;
    this.method = options.method;
    this.path = options.path;
    this.isRetriable = options.isRetriable;
  }
}

/** 400 or 422: BigCommerce rejected the request (bad filter, bad value). */
export class BadRequestError extends HttpError {}
/** 401: the token is invalid or revoked. */
export class UnauthorizedError extends HttpError {}
/** 403: a missing scope or a wrong store hash (BigCommerce answers 403 for both). */
export class ForbiddenError extends HttpError {}
/** 404: unknown path or resource. */
export class NotFoundError extends HttpError {}
/** 5xx from BigCommerce or a gateway. */
export class ServerError extends HttpError {}

/** 429: the store's quota is used up. `resetMs` is how long the server says to wait, when it says. */
export class RateLimitedError extends HttpError {
  readonly resetMs: number | undefined;

  constructor(message: string, options: FailureOptions & { status: number; resetMs: number | undefined }) {
    super(message, options);
    this.resetMs = options.resetMs;
  }
}

/** A 2xx whose body is not JSON or not the expected shape (maintenance page, truncated body). */
export class InvalidResponseError extends HttpError {}

/** No response within the per-attempt timeout. */
export class RequestTimeoutError extends TapError {
  readonly method: string;
  readonly path: string;
  readonly isRetriable = true;

  constructor(message: string, options: RequestContext & { cause?: unknown }) {
    super(message, withOptional(options));
    this.method = options.method;
    this.path = options.path;
  }
}

/** The connection failed before a response arrived (reset, refused, DNS). */
export class NetworkError extends TapError {
  readonly method: string;
  readonly path: string;
  readonly code: string | undefined;
  readonly isRetriable: boolean;

  constructor(message: string, options: FailureOptions & { code: string | undefined }) {
    super(message, withOptional(options));
    this.method = options.method;
    this.path = options.path;
    this.code = options.code;
    this.isRetriable = options.isRetriable;
  }
}

/** A retriable failure that kept happening after every retry. `cause` is the last failure. */
export class RetriesExhaustedError extends TapError {
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  /** HTTP status of the last attempt, when it got a response. */
  readonly lastStatus: number | undefined;

  constructor(
    message: string,
    options: RequestContext & { attempts: number; lastStatus: number | undefined; cause: unknown; details?: string },
  ) {
    super(message, withOptional(options));
    this.method = options.method;
    this.path = options.path;
    this.attempts = options.attempts;
    this.lastStatus = options.lastStatus;
  }
}

/** Any failure of one attempt that the retry policy knows how to judge. */
export type AttemptFailure = HttpError | RequestTimeoutError | NetworkError;

export function isAttemptFailure(error: unknown): error is AttemptFailure {
  return error instanceof HttpError || error instanceof RequestTimeoutError || error instanceof NetworkError;
}

function withOptional(options: { cause?: unknown; details?: string }): { cause?: unknown; details?: string } {
  const out: { cause?: unknown; details?: string } = {};
  if (options.cause !== undefined) out.cause = options.cause;
  if (options.details !== undefined) out.details = options.details;
  return out;
}
