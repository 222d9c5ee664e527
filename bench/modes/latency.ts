/**
 * `--mode latency`: every response takes 50 ms more, no quota. Records/s and requests in flight with the
 * default max_concurrency (8) against max_concurrency 1, on the same store (target: >= 5x).
 */
import { startObservedSandbox } from '../lib/observed-sandbox.js';
import { runTap, type StoreSizes, sandboxTapConfig } from '../lib/processes.js';
import { int, type ModeResult, markdownTable, parseSummary, table, verdict } from '../lib/report.js';

export interface LatencyOptions {
  sizes: StoreSizes;
  latencyMs: number;
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
  options.log(`latency: max_concurrency ${concurrency} against ${handle.url}`);
  let run: Awaited<ReturnType<typeof runTap>>;
  try {
    run = await runTap({
      config: sandboxTapConfig(handle.url, { max_concurrency: concurrency }),
      workDir: options.workDir,
      nodeFlags: options.tapNodeFlags,
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
  const runs = [await runOnce(options, 8), await runOnce(options, 1)];
  const [parallel, serial] = runs as [LatencyRun, LatencyRun];
  const ratio = parallel.records / parallel.seconds / (serial.records / serial.seconds);
  const header = ['max_concurrency', 'records', 'requests', 'seconds', 'records/s', 'requests/s', 'max in flight'];
  const rows = runs.map((r) => [
    String(r.concurrency),
    int(r.records),
    int(r.requests),
    r.seconds.toFixed(1),
    int(r.records / r.seconds),
    int(r.requests / r.seconds),
    String(r.maxInFlight),
  ]);
  const { sizes } = options;
  const facts = [
    `store: ${int(sizes.orders)} orders, ${int(sizes.products)} products, ${int(sizes.customers)} customers, ${int(sizes.coupons)} coupons; ${options.latencyMs} ms added to every response`,
    `target: max_concurrency 8 >= 5x the records/s of max_concurrency 1: ${ratio.toFixed(1)}x, ${verdict(ratio >= 5)}`,
  ];
  return {
    name: 'latency',
    console: [table(header, rows), ...facts].join('\n'),
    markdown: [
      `### Latency (${options.latencyMs} ms per response)`,
      '',
      markdownTable(header, rows),
      '',
      ...facts.map((f) => `- ${f}`),
    ].join('\n'),
  };
}
