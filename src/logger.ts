/** Leveled logging to stderr. stdout is reserved for protocol messages. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface MetricPoint {
  type: 'counter' | 'timer';
  metric: string;
  value: number;
  tags: Record<string, string | number | boolean | null>;
}

export interface Logger {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
  /** A Singer-convention metric line (`INFO METRIC: {...}`), or its structured form. */
  metric(point: MetricPoint): void;
  isLevelEnabled(level: LogLevel): boolean;
}

export type LogFormat = 'text' | 'json';

export interface LoggerOptions {
  level: LogLevel;
  format?: LogFormat;
  write?: (line: string) => void;
  /** Strings that must never be printed (the access token); replaced by `***`. */
  secrets?: readonly string[];
  now?: () => number;
  /** Logger name in structured logs. */
  name?: string;
  /** Stream currently syncing, for structured logs. */
  streamName?: () => string | null;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function parseLogLevel(value: string | undefined): LogLevel | undefined {
  if (value === undefined || value === '') return undefined;
  const lower = value.toLowerCase();
  if (lower === 'warning') return 'warn';
  if (lower === 'critical' || lower === 'fatal') return 'error';
  return (LOG_LEVELS as readonly string[]).includes(lower) ? (lower as LogLevel) : undefined;
}

/** Replaces every occurrence of each secret in `text` by `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('***');
  }
  return out;
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const secrets = options.secrets ?? [];
  const format = options.format ?? 'text';
  const now = options.now ?? Date.now;
  const threshold = ORDER[options.level];
  const enabled = (level: LogLevel) => ORDER[level] >= threshold && level !== 'silent';

  const emit = (level: Exclude<LogLevel, 'silent'>, message: string, extra?: Record<string, unknown>, metric?: MetricPoint) => {
    if (!enabled(level)) return;
    if (format === 'json') {
      // The Meltano SDK's StructuredFormatter shape (sdk_structured_logs.schema.json): Python level names
      // (`warning`, not `warn`) and `extra` always present, `{}` when there is none.
      const line: Record<string, unknown> = {
        level: level === 'warn' ? 'warning' : level,
        pid: process.pid,
        logger_name: options.name ?? 'tap-bigcommerce',
        ts: now() / 1000,
        thread_name: 'MainThread',
        app_name: 'tap-bigcommerce',
        stream_name: options.streamName?.() ?? null,
        message: metric ? 'METRIC' : message,
      };
      if (metric) line.metric_info = metric;
      line.extra = extra ?? {};
      // A metric carries numbers and stream labels only: no secret to look for (this runs once per request).
      write(metric ? JSON.stringify(line) : redact(JSON.stringify(line), secrets));
      return;
    }
    if (metric) {
      write(`INFO METRIC: ${JSON.stringify(metric)}`);
      return;
    }
    const suffix = extra && Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra)}` : '';
    write(redact(`${level.toUpperCase()} ${message}${suffix}`, secrets));
  };

  return {
    debug: (m, e) => emit('debug', m, e),
    info: (m, e) => emit('info', m, e),
    warn: (m, e) => emit('warn', m, e),
    error: (m, e) => emit('error', m, e),
    metric: (point) => emit('info', `METRIC: ${JSON.stringify(point)}`, undefined, point),
    isLevelEnabled: enabled,
  };
}

/** A logger that records lines in memory: for tests. */
export function createMemoryLogger(level: LogLevel = 'debug'): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level, write: (line) => lines.push(line) });
  return Object.assign(logger, { lines });
}
