/**
 * Typed errors. Every message is one actionable line for users (what failed, why, what to do) and never
 * contains a secret; `details` carries extra context that is only logged at debug level.
 */
export class TapError extends Error {
  /** Process exit code the CLI uses when this error ends a run. */
  readonly exitCode: number = 1;
  readonly details?: string;

  constructor(message: string, options: { cause?: unknown; details?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options.details !== undefined) this.details = options.details;
  }
}

/** Bad usage, config, state or catalog: found before any request; exit 2. */
export class UsageError extends TapError {
  override readonly exitCode = 2;
}

export class ConfigError extends UsageError {}
export class StateError extends UsageError {}
export class CatalogError extends UsageError {}

/** A record that does not match the schema the tap emitted, with `on_invalid_record: fail`. */
export class InvalidRecordError extends TapError {}

/** The target closed stdout (EPIPE): stop quietly. */
export class OutputClosedError extends TapError {
  override readonly exitCode = 141;
}
