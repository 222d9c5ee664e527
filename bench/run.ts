/**
 * The tap's benchmark: `npm run bench [-- --mode full|quota|latency|scale|all ...]`.
 *
 * Every mode runs the built tap (`dist/src/cli.js`) as its own process against the sandbox store, prints a
 * compact table, and ends with a markdown block for the README's "## Performance" section. Flags:
 *   --mode full       (default) --orders 100000 --products 50000 --customers 50000 --coupons 5000
 *                     --timed-log-level debug|info (info: a second, untimed run logs the targets to replay)
 *   --mode quota      --quota 30 --window-ms 3000 --quota-orders 150 --quota-products 500 --quota-customers 500 --quota-coupons 100
 *   --mode latency    --latency-ms 50 --latency-orders 250 --latency-products 250 --latency-customers 250 --latency-coupons 100
 *   --mode scale      --scale-orders 100000,500000 [--scale-with-subresources]
 *   any mode          --tap-node-flags "--max-old-space-size=96" (node flags for the tap process only)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ModeResult, machineLine, readmeBlock } from './lib/report.js';
import { runFullMode } from './modes/full.js';
import { runLatencyMode } from './modes/latency.js';
import { runQuotaMode } from './modes/quota.js';
import { runScaleMode } from './modes/scale.js';

const MODES = ['full', 'quota', 'latency', 'scale'] as const;
type Mode = (typeof MODES)[number];

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    mode: { type: 'string', default: 'full' },
    orders: { type: 'string', default: '100000' },
    products: { type: 'string', default: '50000' },
    customers: { type: 'string', default: '50000' },
    coupons: { type: 'string', default: '5000' },
    'timed-log-level': { type: 'string', default: 'debug' },
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
    'scale-orders': { type: 'string', default: '100000,500000' },
    'scale-with-subresources': { type: 'boolean', default: false },
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

async function main(): Promise<void> {
  if (values.help) {
    process.stdout.write(`${(await import('node:fs')).readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]}*/\n`);
    return;
  }
  const mode = values.mode ?? 'full';
  const modes: Mode[] = mode === 'all' ? [...MODES] : MODES.includes(mode as Mode) ? [mode as Mode] : [];
  if (modes.length === 0) throw new Error(`--mode must be one of ${MODES.join(', ')} or all, got ${mode}`);
  const timedLogLevel = values['timed-log-level'];
  if (timedLogLevel !== 'debug' && timedLogLevel !== 'info') throw new Error('--timed-log-level must be debug or info');
  const tapNodeFlags = String(values['tap-node-flags'])
    .split(' ')
    .filter((f) => f !== '');
  const workDir = mkdtempSync(join(tmpdir(), 'tap-bigcommerce-bench-'));
  const started = performance.now();
  const log = (line: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  log(machineLine());
  const results: ModeResult[] = [];
  try {
    for (const m of modes) {
      let result: ModeResult;
      if (m === 'full') {
        result = await runFullMode({
          sizes: { orders: count('orders'), products: count('products'), customers: count('customers'), coupons: count('coupons') },
          workDir,
          tapNodeFlags,
          timedLogLevel,
          log,
        });
      } else if (m === 'quota') {
        result = await runQuotaMode({
          sizes: {
            orders: count('quota-orders'),
            products: count('quota-products'),
            customers: count('quota-customers'),
            coupons: count('quota-coupons'),
          },
          quota: count('quota'),
          windowMs: count('window-ms'),
          workDir,
          tapNodeFlags,
          log,
        });
      } else if (m === 'latency') {
        result = await runLatencyMode({
          sizes: {
            orders: count('latency-orders'),
            products: count('latency-products'),
            customers: count('latency-customers'),
            coupons: count('latency-coupons'),
          },
          latencyMs: count('latency-ms'),
          workDir,
          tapNodeFlags,
          log,
        });
      } else {
        const orderCounts = String(values['scale-orders'])
          .split(',')
          .map((s) => Number(s.trim()));
        if (orderCounts.some((n) => !Number.isInteger(n) || n <= 0))
          throw new Error('--scale-orders must list positive integers, e.g. 100000,500000');
        result = await runScaleMode({
          orderCounts,
          withSubResources: values['scale-with-subresources'] === true,
          workDir,
          tapNodeFlags,
          log,
        });
      }
      results.push(result);
      process.stdout.write(`\n== ${result.name} ==\n${result.console}\n`);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
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
