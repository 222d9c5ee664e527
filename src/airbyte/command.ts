import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { checkStreams } from '../commands/connection-test.js';
import type { CommandIo } from '../commands/io.js';
import { type CommonArgs, makeClient, makeLogger } from '../commands/setup.js';
import type { StopSource } from '../commands/stop.js';
import { exitCodeOf, runSyncCommand } from '../commands/sync.js';
import { parseConfig, readConfigSources, type TapConfig } from '../config.js';
import { CatalogError, ConfigError, OutputClosedError, StateError, type TapError, UsageError } from '../errors.js';
import type { Logger } from '../logger.js';
import { selectAll } from '../singer/catalog.js';
import { LineWriter } from '../singer/line-writer.js';
import { createAirbyteSink } from './airbyte-sink.js';
import { discoverAirbyteCatalog, selectFromConfiguredCatalog } from './catalog.js';
import {
  buildConfiguredCatalog,
  type ConfiguredCatalogOptions,
  DESTINATION_SYNC_MODES,
  type DestinationSyncMode,
} from './configured-catalog.js';
import { connectorSpecification } from './spec.js';
import { parseAirbyteState } from './state.js';
import { traceErrorMessage } from './trace.js';

const COMMANDS = ['spec', 'check', 'discover', 'read', 'configured-catalog'] as const;
type AirbyteCommand = (typeof COMMANDS)[number];

interface AirbyteArgs extends CommonArgs {
  command: AirbyteCommand;
  configPath?: string;
  catalogPath?: string;
  statePath?: string;
  /** `configured-catalog`'s choices. */
  catalogOptions: ConfiguredCatalogOptions;
}

const USAGE =
  'usage: tap-bigcommerce airbyte spec | check --config CONFIG | discover --config CONFIG | read --config CONFIG --catalog CONFIGURED_CATALOG [--state STATE] | configured-catalog [--config CONFIG] [--sync-mode incremental|full_refresh] [--destination-sync-mode append|overwrite|append_dedup] [--streams a,b]';

function parseAirbyteArgs(argv: string[]): AirbyteArgs {
  const parsed = yargs(argv)
    .option('config', { type: 'string' })
    .option('catalog', { type: 'string' })
    .option('state', { type: 'string' })
    .option('log-level', { type: 'string' })
    .option('log-format', { choices: ['text', 'json'] as const })
    .option('sync-mode', { choices: ['incremental', 'full_refresh'] as const })
    .option('destination-sync-mode', { choices: DESTINATION_SYNC_MODES })
    .option('streams', { type: 'string' })
    // stdout carries Airbyte messages only: no yargs help or version text there.
    .help(false)
    .version(false)
    .strictOptions()
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      throw new UsageError(`${message ?? error?.message ?? 'invalid arguments'}; ${USAGE}`);
    })
    .parseSync();
  const positional = parsed._.map(String);
  const command = positional[0];
  if (!(COMMANDS as readonly string[]).includes(command ?? '') || positional.length > 1) {
    throw new UsageError(
      `${command === undefined ? 'Missing Airbyte command' : `Unknown Airbyte command "${positional.join(' ')}"`}: ${USAGE}`,
    );
  }
  const args: AirbyteArgs = { command: command as AirbyteCommand, catalogOptions: catalogOptionsOf(parsed) };
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const configPath = text(parsed.config);
  const catalogPath = text(parsed.catalog);
  const statePath = text(parsed.state);
  if (configPath !== undefined) args.configPath = configPath;
  if (catalogPath !== undefined) args.catalogPath = catalogPath;
  if (statePath !== undefined) args.statePath = statePath;
  const logLevel = text(parsed['log-level']);
  const logFormat = text(parsed['log-format']);
  if (logLevel !== undefined) args.logLevel = logLevel;
  if (logFormat !== undefined) args.logFormat = logFormat;
  if (args.command !== 'spec' && args.command !== 'configured-catalog' && args.configPath === undefined)
    throw new UsageError(`airbyte ${args.command} needs --config CONFIG; ${USAGE}`);
  if (args.command === 'read' && args.catalogPath === undefined)
    throw new UsageError(`airbyte read needs --catalog CONFIGURED_CATALOG; ${USAGE}`);
  return args;
}

function catalogOptionsOf(parsed: Record<string, unknown>): ConfiguredCatalogOptions {
  const options: ConfiguredCatalogOptions = {};
  if (parsed['sync-mode'] === 'incremental' || parsed['sync-mode'] === 'full_refresh') options.syncMode = parsed['sync-mode'];
  const destination = parsed['destination-sync-mode'];
  if ((DESTINATION_SYNC_MODES as readonly unknown[]).includes(destination))
    options.destinationSyncMode = destination as DestinationSyncMode;
  if (typeof parsed.streams === 'string')
    options.streams = parsed.streams
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return options;
}

function readJsonFile(path: string, what: string, makeError: (message: string) => TapError): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw makeError(`Cannot read ${what} file ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}): check the path.`);
  }
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw makeError(`The ${what} file ${path} is not valid JSON (${(error as Error).message}): fix the file.`);
  }
}

function loadConfig(args: AirbyteArgs, io: CommandIo, logger: Logger): TapConfig {
  const { config, warnings } = parseConfig(readConfigSources([args.configPath!], io.env));
  for (const warning of warnings) logger.warn(warning);
  return config;
}

/**
 * `tap-bigcommerce airbyte spec|check|discover|read`: the Airbyte source protocol over the same engine as
 * the Singer tap; `configured-catalog` builds the ConfiguredAirbyteCatalog `read` takes. stdout carries AirbyteMessages only, one per line; logs go to stderr. Returns the exit code:
 * 0 on success (also for `check` with a FAILED status), 2 for bad arguments, config, catalog or state, 1 for
 * a failed sync, 141 when stdout was closed.
 */
/** Runs one Airbyte command; on SIGINT/SIGTERM (`stop`) a read writes the last safe STATE and exits 130/143. */
export async function runAirbyteCommand(argv: string[], io: CommandIo, stop?: StopSource): Promise<number> {
  const out = new LineWriter(io.stdout);
  const secrets: string[] = [];
  let currentStream: string | null = null;
  let logArgs: CommonArgs = {};
  const emit = async (message: Record<string, unknown>) => {
    await out.writeLine(JSON.stringify(message));
    await out.flush();
  };
  try {
    const args = parseAirbyteArgs(argv);
    logArgs = args;
    const preLogger = makeLogger(args, io);
    switch (args.command) {
      case 'spec':
        await emit({ type: 'SPEC', spec: connectorSpecification() });
        return 0;
      case 'check':
        return await runCheck(args, io, preLogger, emit, secrets);
      case 'discover':
        loadConfig(args, io, preLogger);
        await emit({ type: 'CATALOG', catalog: discoverAirbyteCatalog() });
        return 0;
      case 'configured-catalog':
        // A file for `read --catalog`, not a protocol message: the catalog object itself.
        if (args.configPath !== undefined) loadConfig(args, io, preLogger);
        await out.writeLine(JSON.stringify(buildConfiguredCatalog(args.catalogOptions), null, 2));
        await out.flush();
        return 0;
      case 'read': {
        const config = loadConfig(args, io, preLogger);
        secrets.push(config.accessToken);
        const logger = makeLogger(args, io, secrets, () => currentStream);
        const streams = selectFromConfiguredCatalog(
          readJsonFile(args.catalogPath!, 'configured catalog', (m) => new CatalogError(m)),
          `configured catalog ${args.catalogPath}`,
        );
        const { state, warnings: stateWarnings } =
          args.statePath === undefined
            ? parseAirbyteState(null)
            : parseAirbyteState(
                readJsonFile(args.statePath, 'state', (m) => new StateError(m)),
                `state file ${args.statePath}`,
              );
        for (const warning of stateWarnings) logger.warn(warning);
        const sink = createAirbyteSink(io.stdout, { now: io.clock.now });
        const tracking: typeof sink = {
          write(event) {
            if (event.type === 'stream_status' && event.status === 'STARTED') currentStream = event.stream;
            return sink.write(event);
          },
          flush: () => sink.flush(),
        };
        const result = await runSyncCommand({
          args,
          config,
          io,
          logger,
          sink: tracking,
          state,
          streams,
          ...(stop ? { stop } : {}),
        });
        currentStream = null;
        return exitCodeOf(result);
      }
    }
  } catch (error) {
    if (error instanceof OutputClosedError) return error.exitCode;
    const logger = makeLogger(logArgs, io, secrets);
    logger.error(error instanceof Error ? error.message : String(error));
    try {
      await emit(traceErrorMessage(error, { now: io.clock.now(), secrets, stream: currentStream }));
    } catch {
      return 141;
    }
    return error instanceof UsageError ? error.exitCode : 1;
  }
}

/** `check`: bad config or an unreadable stream is a FAILED status (exit 0), not an error. */
async function runCheck(
  args: AirbyteArgs,
  io: CommandIo,
  preLogger: Logger,
  emit: (m: Record<string, unknown>) => Promise<void>,
  secrets: string[],
): Promise<number> {
  let config: TapConfig;
  try {
    config = loadConfig(args, io, preLogger);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    await emit({ type: 'CONNECTION_STATUS', connectionStatus: { status: 'FAILED', message: error.message } });
    return 0;
  }
  secrets.push(config.accessToken);
  const logger = makeLogger(args, io, secrets);
  logger.info(`Checking the connection to store ${config.storeHash} at ${config.apiUrl}`);
  const client = makeClient(config, io, logger);
  try {
    const checks = await checkStreams(client, selectAll());
    const failed = checks.filter((c) => !c.isOk);
    // A refused token (401) fails every stream alike: say it once.
    const unauthorized = failed.find((c) => c.status === 401);
    const connectionStatus =
      failed.length === 0
        ? { status: 'SUCCEEDED', message: `All ${checks.length} streams are readable: ${checks.map((c) => c.stream).join(', ')}.` }
        : unauthorized
          ? { status: 'FAILED', message: unauthorized.message }
          : {
              status: 'FAILED',
              message: `${failed.length} of ${checks.length} streams are not readable: ${failed.map((c) => `${c.stream} (${c.endpoint}): ${c.message}`).join('; ')}`,
            };
    await emit({ type: 'CONNECTION_STATUS', connectionStatus });
    return 0;
  } finally {
    client.close();
  }
}
