/**
 * The tap's benchmark: `npm run bench [-- --mode all|economy|throughput|requests|record-path|memory|quota|latency|full ...]`.
 *
 * Every mode runs the built tap (`dist/src/cli.js`) as its own process against the sandbox store (a catalog
 * selects the streams each figure is about), prints a compact table, and ends with a markdown block for the
 * README's "## Performance" section: the table of targets (figure, target, result, met, settings, load) and
 * each mode's details. `--reps N` (default 5): repetitions behind each median. Flags:
 *   --mode economy     --orders 100000                     requests per order by route, embedded vs per-order (issue 11)
 *   --mode throughput  --orders 100000                     orders records/s, coupons deselected, vs the CPU floor (issue 14)
 *   --mode requests    --requests 10000 [--no-instructions] CPU per request vs the baseline micro-benchmark (issue 14)
 *   --mode record-path --pages 8                           record path vs parse+stringify (issue 14)
 *   --mode memory      --memory-orders 100000,500000       peak RSS, every order field (issue 14)
 *   --mode quota       --quota 30 --window-ms 3000 --quota-orders 150 --quota-products 500 --quota-customers 500 --quota-coupons 100
 *   --mode latency     --latency-ms 50 --latency-orders 250 --latency-products 250 --latency-customers 250 --latency-coupons 100
 *   --mode full        --full-orders 100000 --products 50000 --customers 50000 --coupons 5000 (the four original streams; not in "all")
 *   any mode           --tap-node-flags="--max-old-space-size=96" (node flags for the tap process only)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ModeResult, machineLine, readmeBlock, targetsTable } from './lib/report.js';
import { runEconomyMode } from './modes/economy.js';
import { runFullMode } from './modes/full.js';
import { runLatencyMode } from './modes/latency.js';
import { runMemoryMode } from './modes/memory.js';
import { runQuotaMode } from './modes/quota.js';
import { runRecordPathMode } from './modes/record-path.js';
import { runRequestsMode } from './modes/requests.js';
import { runThroughputMode } from './modes/throughput.js';

const MODES = ['economy', 'throughput', 'requests', 'record-path', 'memory', 'quota', 'latency', 'full'] as const;
type Mode = (typeof MODES)[number];
/** The streams the issues' figures are about; the registry grows, these don't. */
const ORIGINAL_FOUR = ['coupons', 'customers', 'orders', 'products'] as const;

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    mode: { type: 'string', default: 'all' },
    reps: { type: 'string', default: '5' },
    orders: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '10000' },
    'no-instructions': { type: 'boolean', default: false },
    pages: { type: 'string', default: '8' },
    'memory-orders': { type: 'string', default: '100000,500000' },
    'full-orders': { type: 'string', default: '100000' },
    products: { type: 'string', default: '50000' },
    customers: { type: 'string', default: '50000' },
    coupons: { type: 'string', default: '5000' },
    quota: { type: 'string', default: '30' },
    'window-ms': { type: 'string', default: '3000' },
    'quota-orders': { type: 'string', default: '150' },
    'quota-products': { type: 'string', default: '500' },
    'quota-customers': { type: 'string', default: '500' },
    'quota-coupons': { type: 'string', default: '100' },
    'latency-ms': { type: 'string', default: '50' },
    'latency-orders': { type: 'string', default: '250' },
    'latency-products': { type: 'string', default: '250' },
    'latency-customers': { type: 'string', default: '250' },
    'latency-coupons': { type: 'string', default: '100' },
    'tap-node-flags': { type: 'string', default: '' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

function count(name: keyof typeof values): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer, got ${String(values[name])}`);
  return value;
}

function counts(name: keyof typeof values): number[] {
  const list = String(values[name])
    .split(',')
    .map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`--${name} must list positive integers, e.g. 100000,500000`);
  return list;
}

const hasValgrind = () => spawnSync('valgrind', ['--version'], { encoding: 'utf8' }).status === 0;

async function runMode(mode: Mode, common: { workDir: string; tapNodeFlags: string[]; log: (line: string) => void }): Promise<ModeResult> {
  const reps = count('reps');
  const sizes = (prefix: 'quota' | 'latency') => ({
    orders: count(`${prefix}-orders`),
    products: count(`${prefix}-products`),
    customers: count(`${prefix}-customers`),
    coupons: count(`${prefix}-coupons`),
  });
  switch (mode) {
    case 'economy':
      return runEconomyMode({ ...common, orders: count('orders') });
    case 'throughput':
      return runThroughputMode({ ...common, orders: count('orders'), reps });
    case 'requests':
      return runRequestsMode({ ...common, requests: count('requests'), reps, instructions: !values['no-instructions'] && hasValgrind() });
    case 'record-path':
      return runRecordPathMode({ ...common, pages: count('pages'), reps: Math.max(reps, 9) });
    case 'memory':
      return runMemoryMode({ ...common, orderCounts: counts('memory-orders'), reps });
    case 'quota':
      return runQuotaMode({
        ...common,
        sizes: sizes('quota'),
        streams: ORIGINAL_FOUR,
        quota: count('quota'),
        windowMs: count('window-ms'),
        reps,
      });
    case 'latency':
      return runLatencyMode({ ...common, sizes: sizes('latency'), streams: ORIGINAL_FOUR, latencyMs: count('latency-ms'), reps });
    case 'full': {
      const fullSizes = {
        orders: count('full-orders'),
        products: count('products'),
        customers: count('customers'),
        coupons: count('coupons'),
      };
      return runFullMode({ ...common, sizes: fullSizes, streams: ORIGINAL_FOUR, timedLogLevel: 'info' });
    }
  }
}

async function main(): Promise<void> {
  if (values.help) {
    process.stdout.write(`${(await import('node:fs')).readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]}*/\n`);
    return;
  }
  const mode = values.mode ?? 'all';
  const modes: Mode[] = mode === 'all' ? MODES.filter((m) => m !== 'full') : MODES.includes(mode as Mode) ? [mode as Mode] : [];
  if (modes.length === 0) throw new Error(`--mode must be one of ${MODES.join(', ')} or all, got ${mode}`);
  const tapNodeFlags = String(values['tap-node-flags'])
    .split(' ')
    .filter((f) => f !== '');
  const workDir = mkdtempSync(join(tmpdir(), 'tap-bigcommerce-bench-'));
  const started = performance.now();
  const log = (line: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] ${line}\n`);
  log(machineLine());
  const results: ModeResult[] = [];
  try {
    for (const m of modes) {
      const result = await runMode(m, { workDir, tapNodeFlags, log });
      results.push(result);
      process.stdout.write(`\n== ${result.name} ==\n${result.console}\n`);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const targets = results.flatMap((r) => r.targets ?? []);
  if (targets.length > 0) process.stdout.write(`\n== targets ==\n${targetsTable(targets).console}\n`);
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.replace(/ -- $/, '');
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  process.stdout.write(`\n${readmeBlock(results, command)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
