/**
 * `--mode latency`: every response takes 50 ms more, no quota. Records/s with the default max_concurrency (8)
 * against max_concurrency 1, on the same store (target: >= 5x), repeated.
 */
import { startObservedSandbox } from '../lib/observed-sandbox.js';
import { runTap, type StoreSizes, sandboxTapConfig } from '../lib/processes.js';
import {
  describeLoad,
  int,
  type ModeResult,
  median,
  parseSummary,
  repeat,
  type TargetRow,
  tableModeResult,
  verdict,
} from '../lib/report.js';

export interface LatencyOptions {
  sizes: StoreSizes;
  streams: readonly string[];
  latencyMs: number;
  reps: number;
  workDir: string;
  /** Node flags for the tap process (e.g. `--max-old-space-size=96`). */
  tapNodeFlags: string[];
  log: (line: string) => void;
}

interface LatencyRun {
  concurrency: number;
  records: number;
  requests: number;
  seconds: number;
  maxInFlight: number;
}

async function runOnce(options: LatencyOptions, concurrency: number): Promise<LatencyRun> {
  const { handle } = await startObservedSandbox({ sizes: options.sizes, quota: null, latencyMs: options.latencyMs, lazy: true });
  let run: Awaited<ReturnType<typeof runTap>>;
  try {
    run = await runTap({
      config: sandboxTapConfig(handle.url, { max_concurrency: concurrency }),
      workDir: options.workDir,
      nodeFlags: options.tapNodeFlags,
      streams: options.streams,
    });
  } finally {
    await handle.close();
  }
  const summary = parseSummary(run.summaryLines);
  if (run.exitCode !== 0 || summary === null) throw new Error(`tap exited with ${run.exitCode}: ${run.errorLines.join('\n')}`);
  return {
    concurrency,
    records: summary.streams.reduce((n, s) => n + s.records, 0),
    requests: summary.requests,
    seconds: summary.seconds,
    maxInFlight: handle.stats().maxInFlight,
  };
}

export async function runLatencyMode(options: LatencyOptions): Promise<ModeResult> {
  options.log(
    `latency: ${options.reps} pairs of runs (max_concurrency 8, then 1), ${options.latencyMs} ms per response; ${options.streams.join(', ')}`,
  );
  const { results: pairs, load } = await repeat(options.reps, async () => [await runOnce(options, 8), await runOnce(options, 1)] as const);
  const ratios = pairs.map(([p, s]) => p.records / p.seconds / (s.records / s.seconds));
  const ratio = median(ratios);
  const header = ['run', 'max_concurrency', 'records', 'requests', 'seconds', 'records/s', 'max in flight'];
  const rows = pairs.flatMap((pair, i) =>
    pair.map((r) => [
      String(i + 1),
      String(r.concurrency),
      int(r.records),
      int(r.requests),
      r.seconds.toFixed(1),
      int(r.records / r.seconds),
      String(r.maxInFlight),
    ]),
  );
  const { sizes } = options;
  const targets: TargetRow[] = [
    {
      figure: `speed-up from concurrency at ${options.latencyMs} ms (issues 14, 6)`,
      target: '>= 5x (max_concurrency 8 vs 1)',
      result: `${ratio.toFixed(1)}x (runs: ${ratios.map((r) => r.toFixed(1)).join(', ')})`,
      isMet: ratio >= 5,
      settings: `${options.latencyMs} ms per response; ${options.streams.join(', ')}; ${int(sizes.orders)} orders, ${int(sizes.products)} products, ${int(sizes.customers)} customers, ${int(sizes.coupons)} coupons; median of ${options.reps}`,
      load: describeLoad(load),
    },
  ];
  const facts = [
    `store: ${int(sizes.orders)} orders, ${int(sizes.products)} products, ${int(sizes.customers)} customers, ${int(sizes.coupons)} coupons; ${options.latencyMs} ms added to every response`,
    `target: max_concurrency 8 >= 5x the records/s of max_concurrency 1: ${ratio.toFixed(1)}x, ${verdict(ratio >= 5)}`,
  ];
  return tableModeResult('latency', `Latency (${options.latencyMs} ms per response)`, { header, rows }, facts, targets);
}
