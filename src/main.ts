import { formatAbout } from './commands/about.js';
import { parseCliArgs } from './commands/args.js';
import { runConnectionTest } from './commands/connection-test.js';
import { runDemo } from './commands/demo.js';
import type { CommandIo } from './commands/io.js';
import { runSchemaTest } from './commands/schema-test.js';
import { type CommonArgs, loadConfig, makeClient, makeLogger, resolveLogFormat, selectStreams } from './commands/setup.js';
import type { StopSource } from './commands/stop.js';
import { exitCodeOf, runSyncCommand } from './commands/sync.js';
import { TapError, UsageError } from './errors.js';
import type { Logger } from './logger.js';
import { discoverCatalog } from './singer/catalog.js';
import { LineWriter } from './singer/line-writer.js';
import { emptyState, readStateFile } from './state.js';
import { STREAM_NAMES } from './streams/index.js';
import { withDeletedAtColumns } from './sync/deletions/deleted-at-column.js';

/**
 * The tap's entry point: parses arguments, runs one command, returns the exit code. The one place that
 * turns errors into an actionable line on stderr and an exit code.
 */
export async function main(argv: string[], io: CommandIo, options: { stop?: StopSource } = {}): Promise<number> {
  const first = argv[0];
  if (first === 'sandbox') {
    const { runSandboxCommand } = await import('../sandbox/command.js');
    // The sandbox closes itself on SIGINT/SIGTERM (its own listeners): the process must not exit under it.
    const release = options.stop?.onStop(() => undefined);
    try {
      return await runSandboxCommand(argv.slice(1));
    } finally {
      release?.();
    }
  }
  if (first === 'airbyte') {
    const { runAirbyteCommand } = await import('./airbyte/command.js');
    return runAirbyteCommand(argv.slice(1), io, options.stop);
  }
  let secrets: string[] = [];
  const logArgs = scanLogArgs(argv);
  try {
    // --help and --version print what the user asked for (yargs writes it) and run nothing else.
    const args = parseCliArgs(argv);
    if (args.help || args.version) return 0;

    if (args.about) {
      const text = formatAbout(args.format ?? 'text');
      io.stdout.write(`${text}\n`);
      return 0;
    }
    if (args.demo) {
      return await runDemo(args, io, options.stop);
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
    const { state, warnings: stateWarnings } = args.state ? readStateFile(args.state, STREAM_NAMES) : { state: emptyState(), warnings: [] };
    const logger = makeLogger(args, io, secrets, () => state.currentlySyncing);
    for (const warning of stateWarnings) logger.warn(warning);
    if (args.discover) {
      const writer = new LineWriter(io.stdout);
      await writer.writeLine(JSON.stringify(discoverCatalog()));
      await writer.flush();
      return 0;
    }
    if (args.test === 'schema') return await runSchemaTest(config, withDeletedAtColumns(selectStreams(args, logger), config), io);
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
      ...(options.stop ? { stop: options.stop } : {}),
    });
    return exitCodeOf(result);
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
