/**
 * `--mode memory` (issue 14): peak RSS of the tap process (VmHWM) syncing orders with every field selected
 * (one coupons request per order) at default settings (max_concurrency 8; deletion detection off), on stores
 * of 100,000 and 500,000 orders: at most 150 MB, and flat (within 10%) from one size to the other.
 */
import { runTap, sandboxTapConfig, startSandboxProcess, type TapRun } from '../lib/processes.js';
import {
  describeLoad,
  int,
  type ModeResult,
  mb,
  median,
  parseSummary,
  repeat,
  type TargetRow,
  tableModeResult,
  verdict,
} from '../lib/report.js';

export interface MemoryOptions {
  orderCounts: readonly number[];
  reps: number;
  workDir: string;
  tapNodeFlags: string[];
  log: (line: string) => void;
}

const RSS_LIMIT_KB = 150 * 1024;
const GROWTH_TOLERANCE = 0.1;

interface SizeResult {
  orders: number;
  peaksKb: number[];
  requests: number;
  seconds: number[];
  load: number[];
}

async function measureSize(options: MemoryOptions, orders: number): Promise<SizeResult> {
  const sandbox = await startSandboxProcess({ orders, customers: 0, products: 0, coupons: 0 }, ['--unlimited']);
  let requests = 0;
  try {
    options.log(`memory: ${int(orders)} orders, every field, ${options.reps} runs against ${sandbox.url}`);
    const { results, load } = await repeat(options.reps, async () => {
      const run: TapRun = await runTap({
        config: sandboxTapConfig(sandbox.url, { detect_deletes: false }),
        workDir: options.workDir,
        nodeFlags: options.tapNodeFlags,
        streams: ['orders'],
      });
      const stream = parseSummary(run.summaryLines)?.streams.find((s) => s.stream === 'orders');
      if (run.exitCode !== 0 || stream === undefined || stream.records !== orders) {
        throw new Error(`tap exited with ${run.exitCode} after ${stream?.records} records: ${run.errorLines.join('\n')}`);
      }
      requests = stream.requests;
      return { peakKb: run.peakRssKb, seconds: stream.seconds };
    });
    return { orders, peaksKb: results.map((r) => r.peakKb), requests, seconds: results.map((r) => r.seconds), load };
  } finally {
    await sandbox.stop();
  }
}

export async function runMemoryMode(options: MemoryOptions): Promise<ModeResult> {
  const sizes: SizeResult[] = [];
  for (const orders of options.orderCounts) sizes.push(await measureSize(options, orders));
  const header = ['orders', 'requests', 'seconds (median)', 'peak RSS per run', 'peak RSS (median)'];
  const rows = sizes.map((s) => [
    int(s.orders),
    int(s.requests),
    median(s.seconds).toFixed(1),
    s.peaksKb.map((k) => mb(k)).join(', '),
    mb(median(s.peaksKb)),
  ]);
  const medians = sizes.map((s) => median(s.peaksKb));
  const growth = (medians[medians.length - 1] ?? 0) / (medians[0] ?? 1) - 1;
  const settings = `orders only, every field (coupons: 1 request per order), max_concurrency 8, detect_deletes false, median of ${options.reps}`;
  const load = describeLoad(sizes.flatMap((s) => s.load));
  const targets: TargetRow[] = [
    ...sizes.map((s, i) => ({
      figure: `peak RSS, ${int(s.orders)} orders (issue 14)`,
      target: '<= 150 MB',
      result: mb(medians[i] ?? 0),
      isMet: (medians[i] ?? 0) <= RSS_LIMIT_KB,
      settings,
      load: describeLoad(s.load),
    })),
    {
      figure: `peak RSS growth, ${int(options.orderCounts[0] ?? 0)} -> ${int(options.orderCounts[options.orderCounts.length - 1] ?? 0)} orders (issue 14)`,
      target: '<= 10%',
      result: `${(growth * 100).toFixed(1)}%`,
      isMet: growth <= GROWTH_TOLERANCE,
      settings,
      load,
    },
  ];
  const facts = [
    `${settings}; RSS of the tap process only (VmHWM from /proc), the sandbox in its own process`,
    ...targets.map((t) => `target ${t.figure}: ${t.target}: ${t.result}, ${verdict(t.isMet)}`),
  ];
  return tableModeResult('memory', 'Memory against store size (issue 14)', { header, rows }, facts, targets);
}
