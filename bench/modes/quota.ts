/**
 * `--mode quota`: BigCommerce's 150 requests / 30 s scaled down to 30 / 3 s; how much of the quota the tap
 * uses, and how many 429s it provokes (target: every full window used to its quota, 0 x 429), repeated.
 */
import { startObservedSandbox } from '../lib/observed-sandbox.js';
import { runTap, type StoreSizes, sandboxTapConfig } from '../lib/processes.js';
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

export interface QuotaOptions {
  sizes: StoreSizes;
  /** The streams a catalog selects (other engineers add streams: the figure must not move with them). */
  streams: readonly string[];
  quota: number;
  windowMs: number;
  reps: number;
  workDir: string;
  /** Node flags for the tap process (e.g. `--max-old-space-size=96`). */
  tapNodeFlags: string[];
  log: (line: string) => void;
}

interface QuotaRun {
  requests: number;
  served429: number;
  perWindow: number[];
  fullShare: number;
  records: number;
  peakRssKb: number;
}

async function runOnce(options: QuotaOptions): Promise<QuotaRun> {
  const { sizes, quota, windowMs } = options;
  const { handle, arrivals } = await startObservedSandbox({ sizes, quota: { requests: quota, windowMs }, lazy: true });
  let run: Awaited<ReturnType<typeof runTap>>;
  try {
    run = await runTap({
      config: sandboxTapConfig(handle.url),
      workDir: options.workDir,
      nodeFlags: options.tapNodeFlags,
      streams: options.streams,
    });
  } finally {
    await handle.close();
  }
  const stats = handle.stats();
  const summary = parseSummary(run.summaryLines);
  if (run.exitCode !== 0 || summary === null) throw new Error(`tap exited with ${run.exitCode}: ${run.errorLines.join('\n')}`);
  // Requests per sandbox window: windows are fixed, the first starting at the first request.
  const first = arrivals[0] ?? 0;
  const last = arrivals[arrivals.length - 1] ?? first;
  const perWindow = new Array<number>(Math.floor((last - first) / windowMs) + 1).fill(0);
  for (const t of arrivals) perWindow[Math.floor((t - first) / windowMs)]! += 1;
  const fullWindows = perWindow.slice(0, -1);
  const fullShare = fullWindows.length > 0 ? fullWindows.reduce((a, b) => a + b, 0) / (fullWindows.length * quota) : 1;
  return {
    requests: stats.requests,
    served429: stats.served429,
    perWindow,
    fullShare,
    records: summary.streams.reduce((n, s) => n + s.records, 0),
    peakRssKb: run.peakRssKb,
  };
}

export async function runQuotaMode(options: QuotaOptions): Promise<ModeResult> {
  const { quota, windowMs, sizes } = options;
  options.log(
    `quota: ${options.reps} runs, ${quota} requests / ${windowMs} ms; ${options.streams.join(', ')}; ${int(sizes.orders)} orders, ${int(sizes.products)} products, ${int(sizes.customers)} customers, ${int(sizes.coupons)} coupons`,
  );
  const { results: runs, load } = await repeat(options.reps, () => runOnce(options));
  const header = ['run', 'requests', '429 served', 'windows', 'quota used (full windows)', 'min/full window', 'records', 'peak RSS'];
  const rows = runs.map((r, i) => [
    String(i + 1),
    int(r.requests),
    int(r.served429),
    int(r.perWindow.length),
    pct(r.fullShare),
    int(Math.min(...(r.perWindow.length > 1 ? r.perWindow.slice(0, -1) : r.perWindow))),
    int(r.records),
    mb(r.peakRssKb),
  ]);
  const everyFullWindowAtQuota = runs.every((r) => r.perWindow.slice(0, -1).every((n) => n === quota));
  const total429 = runs.reduce((n, r) => n + r.served429, 0);
  const share = median(runs.map((r) => r.fullShare));
  const targets: TargetRow[] = [
    {
      figure: 'quota use (issues 14, 6)',
      target: 'every full window used to its quota, 0 x 429',
      result: `median ${pct(share)} of the quota in full windows; ${everyFullWindowAtQuota ? 'every full window at the quota' : 'some full window below the quota'}; ${total429} x 429 in ${runs.length} runs`,
      isMet: everyFullWindowAtQuota && total429 === 0,
      settings: `${quota} requests / ${windowMs / 1000} s; ${options.streams.join(', ')}; median of ${options.reps}`,
      load: describeLoad(load),
    },
  ];
  const facts = [
    `quota ${quota} requests / ${(windowMs / 1000).toFixed(0)} s (BigCommerce's 150 / 30 s scaled down 10x in time); streams ${options.streams.join(', ')}`,
    ...runs.map((r, i) => `run ${i + 1}: requests per window ${r.perWindow.join(' ')}`),
    `target: every full window at the quota with 0 x 429: ${verdict(everyFullWindowAtQuota && total429 === 0)}`,
  ];
  return tableModeResult('quota', `Quota use (${quota} requests / ${windowMs / 1000} s)`, { header, rows }, facts, targets);
}
