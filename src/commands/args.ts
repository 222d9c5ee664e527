import yargs, { type Options } from 'yargs';
import { UsageError } from '../errors.js';
import { readPackageJson } from '../paths.js';
import { closestMatch } from '../text.js';
import type { CommonArgs } from './setup.js';

export interface CliArgs extends CommonArgs {
  discover?: boolean;
  about?: boolean;
  format?: 'json' | 'markdown' | 'text';
  /** `--test` (= `--test=record`): a readability check; `--test=schema`: SCHEMA messages only. */
  test?: 'record' | 'schema';
  demo?: boolean;
  help?: boolean;
  version?: boolean;
}

// Every line under 80 columns: yargs wraps the usage text at the terminal's width, and a wrapped line breaks
// mid-sentence.
const USAGE = [
  'Usage:',
  '  tap-bigcommerce --config CONFIG [--state STATE] [--catalog CATALOG]',
  '  tap-bigcommerce --config CONFIG --discover',
  '  tap-bigcommerce --config CONFIG --test[=schema]',
  '  tap-bigcommerce --about [--format json|markdown]',
  '  tap-bigcommerce --demo         sync the built-in sandbox store',
  '  tap-bigcommerce sandbox [--port 8080 ...]',
  '  tap-bigcommerce airbyte spec|check|discover|read|configured-catalog ...',
  '',
  'Singer tap for BigCommerce: messages on stdout, logs on stderr.',
].join('\n');

/** Words that start another command: `tap-bigcommerce sandbox`, `tap-bigcommerce airbyte`. */
const COMMANDS = ['sandbox', 'airbyte'];

/** Flags that take a path: given without one, they would silently mean "none". */
const PATH_FLAGS = [
  { name: 'config', short: 'c', example: 'config.json' },
  { name: 'state', short: 's', example: 'state.json' },
  { name: 'catalog', short: 'p', example: 'catalog.json' },
] as const;

/** The Singer tap's flags (yargs option definitions), also the names a "did you mean" hint picks from. */
const OPTIONS = {
  config: {
    alias: 'c',
    type: 'string',
    array: true,
    describe: 'Config JSON file; repeat to merge (later wins); the word ENV reads TAP_BIGCOMMERCE_* variables',
  },
  state: { alias: 's', type: 'string', describe: 'State JSON file (bookmarks) from a previous run' },
  catalog: { alias: ['properties', 'p'], type: 'string', describe: 'Catalog JSON file (stream and field selection)' },
  discover: { alias: 'd', type: 'boolean', describe: 'Print the catalog of streams and schemas' },
  test: {
    type: 'string',
    describe: 'Check that every selected stream is readable (one request each); --test=schema prints the SCHEMA messages only',
    coerce: (value: string) => {
      if (value === '' || value === 'record') return 'record';
      if (value === 'schema') return 'schema';
      throw new Error(`--test takes no value, "record" or "schema"; got "${value}"`);
    },
  },
  about: { type: 'boolean', describe: 'Print what the tap is, its capabilities and settings' },
  format: { choices: ['json', 'markdown', 'text'], describe: 'Format of --about' },
  demo: { type: 'boolean', describe: 'Start the built-in sandbox store and sync it (no credentials)' },
  'log-level': { type: 'string', describe: 'debug, info, warn or error (default info; or LOG_LEVEL)' },
  'log-format': { choices: ['text', 'json'], describe: 'stderr log format (json: Meltano structured logs)' },
} as const satisfies Record<string, Options>;

function buildParser(argv: string[]) {
  const parser = yargs(argv);
  return (
    parser
      .scriptName('tap-bigcommerce')
      .usage(USAGE)
      // The terminal's width, at most 120; 120 when stdout is not a terminal (yargs' default there is 80).
      .wrap(Math.min(120, parser.terminalWidth() || 120))
      .options(OPTIONS)
      .version(readPackageJson().version)
      .help()
      .alias('help', 'h')
      .strict()
      .exitProcess(false)
      .fail((message: string | undefined, error: Error | undefined) => {
        const text = message ?? error?.message ?? 'invalid arguments';
        throw new UsageError(`${describeUnknownArguments(text, argv) ?? text}. Run tap-bigcommerce --help for usage.`);
      })
  );
}

/**
 * Parses the Singer tap's arguments (singer-python's short flags too: -c, -s, -p, -d). Usage errors (exit 2)
 * carry a "did you mean" hint: an unknown flag, a path flag without its path, `--discover` with `--test`.
 */
export function parseCliArgs(argv: string[]): CliArgs {
  const parser = buildParser(argv);
  const parsed = parser.parseSync() as unknown as CliArgs & Record<string, unknown>;
  if (parsed.help || parsed.version) return parsed;
  for (const flag of PATH_FLAGS) {
    const value = parsed[flag.name];
    const isEmpty = value === '' || (Array.isArray(value) && (value.length === 0 || value.includes('')));
    if (isEmpty) {
      throw new UsageError(
        `--${flag.name} needs a file path (did you mean --${flag.name} ${flag.example}?)${flag.name === 'state' ? '; leave --state out for a full sync' : ''}. Run tap-bigcommerce --help for usage.`,
      );
    }
  }
  if (parsed.discover && parsed.test) {
    throw new UsageError(
      '--discover and --test do different things and run one at a time (did you mean --discover > catalog.json, then --test?). Run tap-bigcommerce --help for usage.',
    );
  }
  return parsed;
}

/** yargs' "Unknown argument(s): a, b" with a hint for each name: `--catlog (did you mean --catalog?)`. */
function describeUnknownArguments(message: string, argv: readonly string[]): string | undefined {
  const match = /^Unknown arguments?: (.+)$/.exec(message);
  if (!match) return undefined;
  const all = match[1]!.split(', ');
  // yargs reports `--log-levl` twice, also as its camel-case expansion `logLevl`.
  const names = all.filter((name) => !/[A-Z]/.test(name) || !all.includes(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)));
  const flags = knownFlagNames();
  const described = names.map((name) => {
    const isFlag = argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`) || arg === `-${name}`);
    if (isFlag) {
      const dashes = name.length === 1 ? '-' : '--';
      const hint = closestMatch(name, flags);
      return `${dashes}${name}${hint ? ` (did you mean --${hint}?)` : ''}`;
    }
    const hint = closestMatch(name, COMMANDS);
    return `"${name}"${hint ? ` (did you mean tap-bigcommerce ${hint}?)` : ''}`;
  });
  return `Unknown argument${names.length > 1 ? 's' : ''}: ${described.join(', ')}`;
}

function knownFlagNames(): string[] {
  const aliases = Object.values(OPTIONS).flatMap((o) => ('alias' in o ? [o.alias].flat() : []));
  return [...Object.keys(OPTIONS), ...aliases, 'help', 'version'].filter((name) => name.length > 1);
}
