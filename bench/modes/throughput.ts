/**
 * `--mode throughput` (issue 14): orders with `coupons` deselected (line items, addresses, consignments and fees
 * embedded: one request per 250 orders), against the CPU floor measured in the same run: JSON.parse of exactly
 * the list pages the tap received plus JSON.stringify of their records, one core, no network, no GC pressure
 * from elsewhere. The tap talks to a recording cache of the sandbox (bench/lib/cached-api.ts) filled by an
 * untimed first run, so the sandbox's lazy record generation doesn't limit it; end_date fixes the window so
 * every run asks the same requests. Records/s counts order records only, over the stream's own duration
 * (from the summary); the CPU figure divides them by the tap process's CPU seconds (start-up included).
 */
import { startCachedApi } from '../lib/cached-api.js';
import { measureListFloor } from '../lib/floor.js';
import { runTap, sandboxTapConfig, startSandboxProcess } from '../lib/processes.js';
import {
  describeLoad,
  int,
  type ModeResult,
  mb,
  median,
  parseSummary,
  pct,
  repeat,
  type TargetRow,
  tableModeResult,
  verdict,
} from '../lib/report.js';

export interface ThroughputOptions {
  orders: number;
  reps: number;
  workDir: string;
  tapNodeFlags: string[];
  log: (line: string) => void;
}

const TARGET = 0.5;

interface ThroughputRun {
  records: number;
  requests: number;
  seconds: number;
  cpuSeconds: number;
  peakRssKb: number;
  hits: number;
  misses: number;
}

export async function runThroughputMode(options: ThroughputOptions): Promise<ModeResult> {
  const { orders, log } = options;
  const sandbox = await startSandboxProcess({ orders, customers: 0, products: 0, coupons: 0 }, ['--unlimited']);
  const api = await startCachedApi(sandbox.url);
  // Every record of the store is older than this second: the window ends here on every run.
  const endDate = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  const config = sandboxTapConfig(api.url, { detect_deletes: false, end_date: endDate });
  const once = async (): Promise<ThroughputRun> => {
    api.resetCounts();
    const run = await runTap({
      config,
      workDir: options.workDir,
      nodeFlags: options.tapNodeFlags,
      streams: ['orders'],
      deselect: { orders: ['coupons'] },
    });
    const stream = parseSummary(run.summaryLines)?.streams.find((s) => s.stream === 'orders');
    if (run.exitCode !== 0 || stream === undefined) throw new Error(`tap exited with ${run.exitCode}: ${run.errorLines.join('\n')}`);
    return { ...stream, cpuSeconds: run.cpuSeconds, peakRssKb: run.peakRssKb, ...api.counts() };
  };
  let runs: ThroughputRun[];
  let load: number[];
  let floor: ReturnType<typeof measureListFloor>;
  try {
    log(`throughput: filling the cache (${int(orders)} orders, coupons deselected, end_date ${endDate})`);
    const warm = await once();
    if (warm.records !== orders) throw new Error(`the warm-up run wrote ${warm.records} orders, not ${orders}`);
    log(`throughput: ${options.reps} timed runs against the cache`);
    ({ results: runs, load } = await repeat(options.reps, () => once()));
    log('throughput: measuring the floor on the cached list pages');
    floor = measureListFloor(api.bodies(/^\/stores\/[^/]+\/v2\/orders\?/), options.reps);
  } finally {
    await api.close();
    await sandbox.stop();
  }
  const rate = median(runs.map((r) => r.records / r.seconds));
  const cpuRate = median(runs.map((r) => r.records / r.cpuSeconds));
  const floorRate = median(floor.recordsPerSecond);
  const header = ['run', 'records', 'requests', 'seconds', 'records/s', 'records per CPU s', 'peak RSS', 'cache hits/misses'];
  const rows = runs.map((r, i) => [
    String(i + 1),
    int(r.records),
    int(r.requests),
    r.seconds.toFixed(1),
    int(r.records / r.seconds),
    int(r.records / r.cpuSeconds),
    mb(r.peakRssKb),
    `${int(r.hits)}/${int(r.misses)}`,
  ]);
  const settings = `orders only, every field but coupons, detect_deletes false, default max_concurrency, cached API, median of ${options.reps}`;
  const targets: TargetRow[] = [
    {
      figure: `orders records/s, ${int(orders)} orders, coupons deselected (issue 14)`,
      target: `>= ${pct(TARGET)} of the CPU floor (${int(floorRate)} records/s)`,
      result: `${int(rate)} records/s = ${pct(rate / floorRate)} (per tap CPU second: ${int(cpuRate)} = ${pct(cpuRate / floorRate)})`,
      isMet: rate / floorRate >= TARGET,
      settings,
      load: describeLoad(load),
    },
  ];
  const facts = [
    `floor: JSON.parse of the ${int(floor.records)} orders' list pages (${(floor.bytes / 2 ** 20).toFixed(0)} MB) + JSON.stringify of each record, one core: ${floor.recordsPerSecond.map((r) => int(r)).join(', ')} records/s (median ${int(floorRate)})`,
    `tap: median ${int(rate)} records/s over the stream's duration, ${int(cpuRate)} per CPU second of the tap process (start-up and GC threads included)`,
    `target: records/s >= ${pct(TARGET)} of the floor: ${pct(rate / floorRate)}, ${verdict(rate / floorRate >= TARGET)}`,
  ];
  return tableModeResult('throughput', 'Orders throughput against the CPU floor (issue 14)', { header, rows }, facts, targets);
}
