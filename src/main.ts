import yargs from 'yargs';
import { formatAbout } from './commands/about.js';
import { runConnectionTest } from './commands/connection-test.js';
import { runDemo } from './commands/demo.js';
import type { CommandIo } from './commands/io.js';
import { runSchemaTest } from './commands/schema-test.js';
import { type CommonArgs, loadConfig, makeClient, makeLogger, resolveLogFormat, selectStreams } from './commands/setup.js';
import { runSyncCommand } from './commands/sync.js';
import { TapError, UsageError } from './errors.js';
import type { Logger } from './logger.js';
import { readPackageJson } from './paths.js';
import { discoverCatalog } from './singer/catalog.js';
import { LineWriter } from './singer/line-writer.js';
import { emptyState, readStateFile } from './state.js';
import { STREAMS } from './streams/index.js';

interface CliArgs extends CommonArgs {
  discover?: boolean;
  about?: boolean;
  format?: 'json' | 'markdown' | 'text';
  /** `--test` (= `--test=record`): a readability check; `--test=schema`: SCHEMA messages only. */
  test?: 'record' | 'schema';
  demo?: boolean;
}

function parseArgs(argv: string[]): CliArgs {
  const parsed = yargs(argv)
    .scriptName('tap-bigcommerce')
    .usage(
      'Usage: tap-bigcommerce --config CONFIG [--state STATE] [--catalog CATALOG]\n' +
        '       tap-bigcommerce --config CONFIG --discover | --test\n' +
        '       tap-bigcommerce --about [--format json|markdown]\n' +
        '       tap-bigcommerce --demo            (sync the built-in sandbox store, no credentials)\n' +
        '       tap-bigcommerce sandbox [--port 8080 ...]\n' +
        '       tap-bigcommerce airbyte spec|check|discover|read ...\n\n' +
        'Singer tap for BigCommerce: messages on stdout, logs on stderr.',
    )
    .option('config', {
      type: 'string',
      array: true,
      describe: 'Config JSON file; repeat to merge (later wins); the word ENV reads TAP_BIGCOMMERCE_* variables',
    })
    .option('state', { type: 'string', describe: 'State JSON file (bookmarks) from a previous run' })
    .option('catalog', { type: 'string', alias: 'properties', describe: 'Catalog JSON file (stream and field selection)' })
    .option('discover', { type: 'boolean', describe: 'Print the catalog of streams and schemas' })
    .option('test', {
      type: 'string',
      describe: 'Check that every selected stream is readable (one request each); --test=schema prints the SCHEMA messages only',
      coerce: (value: string) => {
        if (value === '' || value === 'record') return 'record';
        if (value === 'schema') return 'schema';
        throw new Error(`--test takes no value, "record" or "schema"; got "${value}"`);
      },
    })
    .option('about', { type: 'boolean', describe: 'Print what the tap is, its capabilities and settings' })
    .option('format', { choices: ['json', 'markdown', 'text'] as const, describe: 'Format of --about' })
    .option('demo', { type: 'boolean', describe: 'Start the built-in sandbox store and sync it' })
    .option('log-level', { type: 'string', describe: 'debug, info, warn or error (default info; or LOG_LEVEL)' })
    .option('log-format', { choices: ['text', 'json'] as const, describe: 'stderr log format (json: Meltano structured logs)' })
    .version(readPackageJson().version)
    .help()
    .strict()
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      throw new UsageError(`${message ?? error?.message ?? 'invalid arguments'}. Run tap-bigcommerce --help for usage.`);
    })
    .parseSync() as unknown as CliArgs & { help?: boolean; version?: boolean };
  return parsed;
}

/**
 * The tap's entry point: parses arguments, runs one command, returns the exit code. The one place that
 * turns errors into an actionable line on stderr and an exit code.
 */
export async function main(argv: string[], io: CommandIo, options: { stopSignal?: Promise<void> } = {}): Promise<number> {
  const first = argv[0];
  if (first === 'sandbox') {
    const { runSandboxCommand } = await import('../sandbox/command.js');
    return runSandboxCommand(argv.slice(1));
  }
  if (first === 'airbyte') {
    const { runAirbyteCommand } = await import('./airbyte/command.js');
    return runAirbyteCommand(argv.slice(1), io, options.stopSignal);
  }
  let secrets: string[] = [];
  const logArgs = scanLogArgs(argv);
  try {
    // --help and --version print what the user asked for (yargs writes it) and run nothing else.
    const args = parseArgs(argv);
    if ((args as { help?: boolean }).help || (args as { version?: boolean }).version) return 0;

    if (args.about) {
      const text = formatAbout(args.format ?? 'text');
      io.stdout.write(`${text}\n`);
      return 0;
    }
    if (args.demo) {
      return await runDemo(args, io, options.stopSignal);
    }
    if (!args.config || args.config.length === 0) {
      throw new UsageError(
        'Missing --config: pass a config JSON file (see sample-config.json), or run --demo to try the tap against the built-in sandbox store.',
      );
    }
    const preLogger = makeLogger(args, io);
    const config = loadConfig(args.config, io, preLogger);
    secrets = [config.accessToken];
    // Structured logs name the stream being synced: the state says which.
    const state = args.state
      ? readStateFile(
          args.state,
          STREAMS.map((s) => s.name),
        )
      : emptyState();
    const logger = makeLogger(args, io, secrets, () => state.currentlySyncing);
    if (args.discover) {
      const writer = new LineWriter(io.stdout);
      await writer.writeLine(JSON.stringify(discoverCatalog()));
      await writer.flush();
      return 0;
    }
    if (args.test === 'schema') return await runSchemaTest(config, selectStreams(args, logger), io);
    if (args.test) {
      const streams = selectStreams(args, logger);
      const client = makeClient(config, io, logger);
      try {
        // The table is for people; in structured-log mode each row is a log line like any other.
        const writeRow = resolveLogFormat(args, io.env) === 'json' ? (line: string) => logger.info(line) : io.writeErr;
        return await runConnectionTest(client, streams, config, logger, writeRow);
      } finally {
        client.close();
      }
    }
    const result = await runSyncCommand({
      args,
      config,
      io,
      logger,
      state,
      ...(options.stopSignal ? { stopSignal: options.stopSignal } : {}),
    });
    return result.stopped ? 143 : 0;
  } catch (error) {
    return reportError(error, makeLogger(logArgs, io, secrets));
  }
}

/** One actionable line on stderr (details at debug level); the exit code for the error. */
export function reportError(error: unknown, logger: Logger): number {
  if (error instanceof TapError) {
    if (error.exitCode === 141) return 141;
    logger.error(error.message);
    if (error.details) logger.debug(error.details);
    if (error.stack) logger.debug(error.stack);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  logger.error(`Unexpected failure: ${message}. Re-run with --log-level debug and report it with the output.`);
  if (error instanceof Error && error.stack) logger.debug(error.stack);
  return 1;
}

/** --log-level and --log-format as typed, read before (and whether or not) the arguments parse. */
function scanLogArgs(argv: string[]): CommonArgs {
  const flagValue = (flag: string): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === flag) return argv[i + 1];
      if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
    }
    return undefined;
  };
  const logLevel = flagValue('--log-level');
  const logFormat = flagValue('--log-format');
  return { ...(logLevel ? { logLevel } : {}), ...(logFormat ? { logFormat } : {}) };
}
