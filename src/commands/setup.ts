import { parseConfig, readConfigSources, type TapConfig } from '../config.js';
import { createApiClient } from '../http/client.js';
import type { ApiClient } from '../http/types.js';
import { createLogger, type LogFormat, type Logger, type LogLevel, parseLogLevel } from '../logger.js';
import { readCatalogFile, selectAll, selectFromCatalog } from '../singer/catalog.js';
import { scopesByStream } from '../streams/index.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import type { CommandIo } from './io.js';

export interface CommonArgs {
  config?: string[];
  catalog?: string;
  state?: string;
  logLevel?: string;
  logFormat?: string;
}

/** Log level from --log-level, else TAP_BIGCOMMERCE_LOGLEVEL / LOGLEVEL / LOG_LEVEL, else info. */
export function resolveLogLevel(args: CommonArgs, env: NodeJS.ProcessEnv): LogLevel {
  return (
    parseLogLevel(args.logLevel) ??
    parseLogLevel(env.TAP_BIGCOMMERCE_LOGLEVEL) ??
    parseLogLevel(env.LOGLEVEL) ??
    parseLogLevel(env.LOG_LEVEL) ??
    'info'
  );
}

/** JSON lines when asked, or when Meltano asks for structured logging (SINGER_SDK_LOG_CONFIG). */
export function resolveLogFormat(args: CommonArgs, env: NodeJS.ProcessEnv): LogFormat {
  if (args.logFormat === 'json' || args.logFormat === 'text') return args.logFormat;
  return env.SINGER_SDK_LOG_CONFIG ? 'json' : 'text';
}

export function makeLogger(args: CommonArgs, io: CommandIo, secrets: string[] = [], streamName?: () => string | null): Logger {
  return createLogger({
    level: resolveLogLevel(args, io.env),
    format: resolveLogFormat(args, io.env),
    write: io.writeErr,
    secrets,
    now: io.clock.now,
    ...(streamName ? { streamName } : {}),
  });
}

/** Reads, merges and validates the config; logs warnings (unknown keys). */
export function loadConfig(sources: string[], io: CommandIo, logger: Logger): TapConfig {
  const { config, warnings } = parseConfig(readConfigSources(sources, io.env));
  for (const warning of warnings) logger.warn(warning);
  return config;
}

export function selectStreams(args: CommonArgs, logger: Logger): SelectedStream[] {
  return args.catalog ? selectFromCatalog(readCatalogFile(args.catalog), (m) => logger.warn(m)) : selectAll();
}

export function makeClient(config: TapConfig, io: CommandIo, logger: Logger): ApiClient {
  return createApiClient({
    apiUrl: config.apiUrl,
    storeHash: config.storeHash,
    accessToken: config.accessToken,
    userAgent: config.userAgent,
    requestTimeoutMs: config.requestTimeoutMs,
    maxRetries: config.maxRetries,
    maxConcurrency: config.maxConcurrency,
    clock: io.clock,
    logger,
    scopes: scopesByStream(),
  });
}
