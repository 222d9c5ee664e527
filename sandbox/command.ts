/**
 * `tap-bigcommerce sandbox [flags]`: runs a simulated BigCommerce store until SIGINT/SIGTERM.
 *
 * Prints the URL and a matching tap config (JSON) on stderr; nothing on stdout. Flags: `--port 8080 --seed 42
 * --size stream=N (repeatable) --orders N --customers N ... (one per collection stream) --quota 150
 * --window-ms 30000 --unlimited --latency-ms 0 --error-rate 0 --reset-rate 0 --live-changes N [--live-modify M
 * --live-create C --live-delete D --live-archive A] --archive-keeps-date-modified --min-exclusive
 * --tie-order id|reverse|shuffled --oversize-limit reject|cap --lazy --write-config FILE`, and the orders include
 * traps `--empty-line-items-rate R --ignore-include --products-default-limit-50 --line-items-as-links
 * --legacy-consignment-array`.
 *
 * Also runnable directly, `node dist/sandbox/command.js [flags]`, so a benchmark can keep the sandbox in its
 * own process: run that way it additionally prints exactly one line, `SANDBOX_READY <url>`, on stdout once the
 * server listens, for the parent process to wait on.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import yargs from 'yargs';
import { type SandboxOptions, startSandbox } from './index.js';
import { registeredStreams } from './served.js';

interface SandboxArgs {
  port: number;
  seed: number;
  /** `stream=N`, repeatable. */
  size?: string[];
  quota: number;
  windowMs: number;
  unlimited?: boolean;
  latencyMs: number;
  errorRate: number;
  resetRate: number;
  liveChanges?: number;
  liveModify: number;
  liveCreate: number;
  liveDelete?: number;
  liveArchive?: number;
  archiveKeepsDateModified?: boolean;
  minExclusive: boolean;
  tieOrder: 'id' | 'reverse' | 'shuffled';
  oversizeLimit: 'reject' | 'cap';
  lazy: boolean;
  emptyLineItemsRate?: number;
  ignoreInclude?: boolean;
  productsDefaultLimit50?: boolean;
  lineItemsAsLinks?: boolean;
  legacyConsignmentArray?: boolean;
  storeHash?: string;
  accessToken?: string;
  writeConfig?: string;
  /** `--orders N`, `--brands N`...: one per collection stream. */
  [stream: string]: unknown;
}

/** A stream's size flag: `--orders`, `--customer-groups` (flags are kebab-case; stream names snake_case). */
const flagOf = (stream: string): string => stream.replaceAll('_', '-');

/**
 * The collection streams (those with a size of their own) and their default sizes, in registry order. A fixed
 * list (order statuses) has no flag: its size is the list's.
 */
function sizedStreams(): Array<{ stream: string; defaultSize: number }> {
  return registeredStreams().flatMap(({ spec }) =>
    spec.kind === 'collection' && spec.fixedIds === undefined ? [{ stream: spec.stream, defaultSize: spec.defaultSize }] : [],
  );
}

function parse(argv: string[]): SandboxArgs {
  const base = yargs(argv);
  let parser = base
    .scriptName('tap-bigcommerce sandbox')
    .usage('Usage: $0 [flags]\n\nServes a simulated BigCommerce store on 127.0.0.1 until Ctrl-C.')
    // The terminal's width, at most 120 (120 when stdout is not a terminal): a usage line never breaks mid-sentence.
    .wrap(Math.min(120, base.terminalWidth() || 120))
    .option('port', { type: 'number', default: 0, describe: 'port to listen on (0: a free port)' })
    .option('seed', { type: 'number', default: 42, describe: 'seed for data and faults' })
    .option('size', { type: 'string', array: true, describe: 'stream=N: number of records of a stream (repeatable)' });
  for (const { stream, defaultSize } of sizedStreams()) {
    parser = parser.option(flagOf(stream), {
      type: 'number',
      describe: `number of ${stream} (default ${defaultSize}; same as --size ${stream}=N)`,
    });
  }
  return parser
    .option('quota', { type: 'number', default: 1000, describe: 'requests per window' })
    .option('window-ms', { type: 'number', default: 30_000, describe: 'rate-limit window' })
    .option('unlimited', { type: 'boolean', default: false, describe: 'no rate limit and no rate-limit headers' })
    .option('latency-ms', { type: 'number', default: 0, describe: 'delay added to every response' })
    .option('error-rate', { type: 'number', default: 0, describe: 'fraction of requests answered 500/502/503/504' })
    .option('reset-rate', { type: 'number', default: 0, describe: 'fraction of connections reset' })
    .option('live-changes', { type: 'number', describe: 'every N list requests, change records (see --live-*)' })
    .option('live-modify', { type: 'number', default: 2, describe: 'records modified per live change, per incremental stream' })
    .option('live-create', { type: 'number', default: 1, describe: 'records created per live change, per incremental stream' })
    .option('live-delete', { type: 'number', default: 0, describe: 'records deleted per live change, per stream' })
    .option('live-archive', { type: 'number', default: 0, describe: 'orders archived (is_deleted) per live change' })
    .option('archive-keeps-date-modified', { type: 'boolean', default: false, describe: 'archiving an order leaves its date_modified' })
    .option('min-exclusive', { type: 'boolean', default: false, describe: ':min date filters mean > instead of >=' })
    .option('tie-order', {
      choices: ['id', 'reverse', 'shuffled'] as const,
      default: 'id' as const,
      describe: 'order of records sharing one date_modified second',
    })
    .option('oversize-limit', {
      choices: ['reject', 'cap'] as const,
      default: 'reject' as const,
      describe: 'a limit over 250: answer 413, or cap it to 250 silently',
    })
    .option('lazy', { type: 'boolean', default: false, describe: 'never cache record bodies (big stores)' })
    .option('empty-line-items-rate', {
      type: 'number',
      default: 0,
      describe: 'share of orders whose included consignments have line_items: []',
    })
    .option('ignore-include', { type: 'boolean', default: false, describe: 'orders ignore include (no consignments or fees keys)' })
    .option('products-default-limit-50', { type: 'boolean', default: false, describe: 'included line_items stop at 50 lines per order' })
    .option('line-items-as-links', { type: 'boolean', default: false, describe: 'included line_items are {url, resource} links' })
    .option('legacy-consignment-array', {
      type: 'boolean',
      default: false,
      describe: 'consignment_structure=object is ignored (array shape)',
    })
    .option('store-hash', { type: 'string', describe: 'store hash the store answers to (default sandbox1)' })
    .option('access-token', { type: 'string', describe: 'token the store accepts (default sandbox-token)' })
    .option('write-config', {
      type: 'string',
      describe: 'write the matching tap config (JSON) to this file, for tap-bigcommerce --config FILE',
    })
    .version(false)
    .strict()
    .help()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .parseSync() as unknown as SandboxArgs;
}

/** Sizes from `--orders N`-style flags and `--size stream=N`; throws naming a bad or doubly given size. */
function sizesFromArgs(args: SandboxArgs): Record<string, number> {
  const sizes: Record<string, number> = {};
  const streams = sizedStreams().map((s) => s.stream);
  for (const stream of streams) {
    const value = args[flagOf(stream)];
    if (typeof value === 'number') sizes[stream] = value;
  }
  for (const entry of args.size ?? []) {
    const match = /^([a-z0-9_]+)=(\d+)$/.exec(entry.trim());
    if (match === null) throw new RangeError(`--size ${entry}: expected stream=N, e.g. --size orders=5000`);
    const [, stream = '', count = ''] = match;
    if (!streams.includes(stream)) throw new RangeError(`--size ${entry}: no stream "${stream}" has a size (${streams.join(', ')} do)`);
    if (stream in sizes && sizes[stream] !== Number(count)) {
      throw new RangeError(`--size ${entry}: the size of ${stream} is given twice (${sizes[stream]} and ${count}); give it once`);
    }
    sizes[stream] = Number(count);
  }
  return sizes;
}

/** Maps the flags onto `SandboxOptions`; throws a RangeError naming a bad `--size`. */
export function sandboxOptionsFromArgs(args: SandboxArgs): SandboxOptions {
  const live = args.liveChanges
    ? {
        everyRequests: args.liveChanges,
        modify: args.liveModify,
        create: args.liveCreate,
        delete: args.liveDelete ?? 0,
        archive: args.liveArchive ?? 0,
      }
    : null;
  return {
    seed: args.seed,
    port: args.port,
    sizes: sizesFromArgs(args),
    quota: args.unlimited ? null : { requests: args.quota, windowMs: args.windowMs },
    latencyMs: args.latencyMs,
    errorRate: args.errorRate,
    resetRate: args.resetRate,
    liveChanges: live,
    archiveTouchesRecord: !args.archiveKeepsDateModified,
    minInclusive: !args.minExclusive,
    tieOrder: args.tieOrder,
    oversizeLimit: args.oversizeLimit,
    lazy: args.lazy,
    emptyLineItemsRate: args.emptyLineItemsRate ?? 0,
    ignoreInclude: args.ignoreInclude ?? false,
    productsDefaultLimit50: args.productsDefaultLimit50 ?? false,
    lineItemsAsLinks: args.lineItemsAsLinks ?? false,
    legacyConsignmentArray: args.legacyConsignmentArray ?? false,
    storeHash: args.storeHash,
    accessToken: args.accessToken,
  };
}

/**
 * Starts the sandbox, reports it on stderr, and resolves with 0 after SIGINT/SIGTERM closed it.
 * `onReady` (used when run directly) is told the URL once the server listens.
 */
export async function runSandboxCommand(argv: string[], onReady?: (url: string) => void): Promise<number> {
  let options: SandboxOptions;
  let writeConfig: string | undefined;
  try {
    const args = parse(argv);
    if ((args as { help?: boolean }).help) return 0;
    options = sandboxOptionsFromArgs(args);
    writeConfig = args.writeConfig;
  } catch (error) {
    process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox(options);
  } catch (error) {
    process.stderr.write(`sandbox: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  process.stderr.write(`Sandbox BigCommerce store listening on ${sandbox.url}\n`);
  process.stderr.write(`Tap config:\n${JSON.stringify(sandbox.config(), null, 2)}\n`);
  if (writeConfig !== undefined) {
    try {
      writeFileSync(writeConfig, `${JSON.stringify(sandbox.config(), null, 2)}\n`);
    } catch (error) {
      await sandbox.close();
      const code = (error as NodeJS.ErrnoException).code ?? 'unwritable';
      process.stderr.write(`sandbox: could not write the config to ${writeConfig} (${code}): check the --write-config path.\n`);
      return 2;
    }
    process.stderr.write(`Wrote it to ${writeConfig}: run tap-bigcommerce --config ${writeConfig} in another shell.\n`);
  }
  onReady?.(sandbox.url);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sandbox.close();
  const stats = sandbox.stats();
  process.stderr.write(`Sandbox stopped after ${stats.requests} requests (${stats.served429} answered 429).\n`);
  return 0;
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  runSandboxCommand(process.argv.slice(2), (url) => process.stdout.write(`SANDBOX_READY ${url}\n`)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`sandbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
