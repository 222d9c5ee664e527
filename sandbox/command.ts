/**
 * `tap-bigcommerce sandbox [flags]`: runs a simulated BigCommerce store until SIGINT/SIGTERM.
 *
 * Prints the URL and a matching tap config (JSON) on stderr; nothing on stdout. Flags: `--port 8080 --seed 42
 * --orders N --customers N --products N --coupons N --quota 150 --window-ms 30000 --unlimited --latency-ms 0
 * --error-rate 0 --reset-rate 0 --live-changes N [--live-modify M --live-create C] --min-exclusive
 * --tie-order id|reverse|shuffled --oversize-limit reject|cap --lazy --write-config FILE`.
 *
 * Also runnable directly, `node dist/sandbox/command.js [flags]`, so a benchmark can keep the sandbox in its
 * own process: run that way it additionally prints exactly one line, `SANDBOX_READY <url>`, on stdout once the
 * server listens, for the parent process to wait on.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import yargs from 'yargs';
import { type SandboxOptions, startSandbox } from './index.js';

interface SandboxArgs {
  port: number;
  seed: number;
  orders?: number;
  customers?: number;
  products?: number;
  coupons?: number;
  quota: number;
  windowMs: number;
  unlimited?: boolean;
  latencyMs: number;
  errorRate: number;
  resetRate: number;
  liveChanges?: number;
  liveModify: number;
  liveCreate: number;
  minExclusive: boolean;
  tieOrder: 'id' | 'reverse' | 'shuffled';
  oversizeLimit: 'reject' | 'cap';
  lazy: boolean;
  storeHash?: string;
  accessToken?: string;
  writeConfig?: string;
}

function parse(argv: string[]): SandboxArgs {
  const parser = yargs(argv);
  return (
    parser
      .scriptName('tap-bigcommerce sandbox')
      .usage('Usage: $0 [flags]\n\nServes a simulated BigCommerce store on 127.0.0.1 until Ctrl-C.')
      // The terminal's width, at most 120 (120 when stdout is not a terminal): a usage line never breaks mid-sentence.
      .wrap(Math.min(120, parser.terminalWidth() || 120))
      .option('port', { type: 'number', default: 0, describe: 'port to listen on (0: a free port)' })
      .option('seed', { type: 'number', default: 42, describe: 'seed for data and faults' })
      .option('orders', { type: 'number', describe: 'number of orders (default 400)' })
      .option('customers', { type: 'number', describe: 'number of customers (default 300)' })
      .option('products', { type: 'number', describe: 'number of products (default 300)' })
      .option('coupons', { type: 'number', describe: 'number of coupons (default 60)' })
      .option('quota', { type: 'number', default: 1000, describe: 'requests per window' })
      .option('window-ms', { type: 'number', default: 30_000, describe: 'rate-limit window' })
      .option('unlimited', { type: 'boolean', default: false, describe: 'no rate limit and no rate-limit headers' })
      .option('latency-ms', { type: 'number', default: 0, describe: 'delay added to every response' })
      .option('error-rate', { type: 'number', default: 0, describe: 'fraction of requests answered 500/502/503/504' })
      .option('reset-rate', { type: 'number', default: 0, describe: 'fraction of connections reset' })
      .option('live-changes', { type: 'number', describe: 'every N list requests, modify and create records' })
      .option('live-modify', { type: 'number', default: 2, describe: 'records modified per live change, per stream' })
      .option('live-create', { type: 'number', default: 1, describe: 'records created per live change, per stream' })
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
      .parseSync() as unknown as SandboxArgs
  );
}

/** Maps the flags onto `SandboxOptions`. */
export function sandboxOptionsFromArgs(args: SandboxArgs): SandboxOptions {
  return {
    seed: args.seed,
    port: args.port,
    sizes: { orders: args.orders, customers: args.customers, products: args.products, coupons: args.coupons },
    quota: args.unlimited ? null : { requests: args.quota, windowMs: args.windowMs },
    latencyMs: args.latencyMs,
    errorRate: args.errorRate,
    resetRate: args.resetRate,
    liveChanges: args.liveChanges ? { everyRequests: args.liveChanges, modify: args.liveModify, create: args.liveCreate } : null,
    minInclusive: !args.minExclusive,
    tieOrder: args.tieOrder,
    oversizeLimit: args.oversizeLimit,
    lazy: args.lazy,
    storeHash: args.storeHash,
    accessToken: args.accessToken,
  };
}

/**
 * Starts the sandbox, reports it on stderr, and resolves with 0 after SIGINT/SIGTERM closed it.
 * `onReady` (used when run directly) is told the URL once the server listens.
 */
export async function runSandboxCommand(argv: string[], onReady?: (url: string) => void): Promise<number> {
  let args: SandboxArgs;
  try {
    args = parse(argv);
  } catch (error) {
    process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if ((args as { help?: boolean }).help) return 0;
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox(sandboxOptionsFromArgs(args));
  } catch (error) {
    process.stderr.write(`sandbox: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  process.stderr.write(`Sandbox BigCommerce store listening on ${sandbox.url}\n`);
  process.stderr.write(`Tap config:\n${JSON.stringify(sandbox.config(), null, 2)}\n`);
  if (args.writeConfig !== undefined) {
    try {
      writeFileSync(args.writeConfig, `${JSON.stringify(sandbox.config(), null, 2)}\n`);
    } catch (error) {
      await sandbox.close();
      const code = (error as NodeJS.ErrnoException).code ?? 'unwritable';
      process.stderr.write(`sandbox: could not write the config to ${args.writeConfig} (${code}): check the --write-config path.\n`);
      return 2;
    }
    process.stderr.write(`Wrote it to ${args.writeConfig}: run tap-bigcommerce --config ${args.writeConfig} in another shell.\n`);
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
