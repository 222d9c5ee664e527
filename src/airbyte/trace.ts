import { TapError, UsageError } from '../errors.js';
import {
  ForbiddenError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  RequestTimeoutError,
  RetriesExhaustedError,
  ServerError,
  UnauthorizedError,
} from '../http/errors.js';
import { redact } from '../logger.js';
import { StreamsFailedError } from '../sync/engine.js';

export type FailureType = 'config_error' | 'system_error' | 'transient_error';

/**
 * Whose problem a failure is, for the platform: the user's settings (bad config, token, scope, store hash),
 * a passing condition worth retrying (rate limits, 5xx, timeouts, network), or a bug.
 */
export function failureTypeOf(error: unknown): FailureType {
  if (
    error instanceof UsageError ||
    error instanceof UnauthorizedError ||
    error instanceof ForbiddenError ||
    error instanceof NotFoundError
  )
    return 'config_error';
  if (error instanceof StreamsFailedError) return 'config_error';
  if (
    error instanceof RateLimitedError ||
    error instanceof ServerError ||
    error instanceof RequestTimeoutError ||
    error instanceof NetworkError ||
    error instanceof RetriesExhaustedError
  ) {
    return 'transient_error';
  }
  return 'system_error';
}

/** A TRACE ERROR message: `message` for users; the class, details and stack for support. Never a secret. */
export function traceErrorMessage(
  error: unknown,
  options: { now: number; secrets: readonly string[]; stream?: string | null },
): Record<string, unknown> {
  const isKnown = error instanceof TapError;
  const raw = error instanceof Error ? error.message : String(error);
  const message = isKnown ? raw : `Unexpected failure: ${raw}. Re-run with --log-level debug and report it with the output.`;
  const internal = error instanceof Error ? `${error.name}: ${raw}${isKnown && error.details ? ` (${error.details})` : ''}` : raw;
  const trace: Record<string, unknown> = {
    message: redact(message, options.secrets),
    internal_message: redact(internal, options.secrets),
    failure_type: failureTypeOf(error),
  };
  if (error instanceof Error && error.stack) trace.stack_trace = redact(error.stack, options.secrets);
  if (options.stream) trace.stream_descriptor = { name: options.stream };
  return { type: 'TRACE', trace: { type: 'ERROR', emitted_at: options.now, error: trace } };
}
