/**
 * `--mode quota`: BigCommerce's 150 requests / 30 s scaled down to 30 / 3 s; how much of the quota the tap
 * uses, and how many 429s it provokes (target: >= 90% of the quota, 0 x 429).
 */
import { startObservedSandbox } from '../lib/observed-sandbox.js';
import { runTap, type StoreSizes, sandboxTapConfig } from '../lib/processes.js';
import { int, type ModeResult, markdownTable, mb, parseSummary, pct, table, verdict } from '../lib/report.js';

export interface QuotaOptions {
  sizes: StoreSizes;
  quota: number;
  windowMs: number;
  workDir: string;
  /** Node flags for the tap process (e.g. `--max-old-space-size=96`). */
  tapNodeFlags: string[];
  log: (line: string) => void;
}

export async function runQuotaMode(options: QuotaOptions): Promise<ModeResult> {
  const { sizes, quota, windowMs, log } = options;
  const { handle, arrivals } = await startObservedSandbox({ sizes, quota: { requests: quota, windowMs }, lazy: true });
  log(
    `quota: sandbox in process at ${handle.url} (${quota} requests / ${windowMs} ms; ${int(sizes.orders)} orders, ${int(sizes.products)} products, ${int(sizes.customers)} customers, ${int(sizes.coupons)} coupons)`,
  );
  let run: Awaited<ReturnType<typeof runTap>>;
  try {
    run = await runTap({ config: sandboxTapConfig(handle.url), workDir: options.workDir, nodeFlags: options.tapNodeFlags });
  } finally {
    await handle.close();
  }
  const stats = handle.stats();
  const summary = parseSummary(run.summaryLines);
  if (run.exitCode !== 0 || summary === null) throw new Error(`tap exited with ${run.exitCode}: ${run.errorLines.join('\n')}`);

  // Requests per sandbox window: windows are fixed, the first starting at the first request.
  const first = arrivals[0] ?? 0;
  const last = arrivals[arrivals.length - 1] ?? first;
  const windowCount = Math.floor((last - first) / windowMs) + 1;
  const perWindow = new Array<number>(windowCount).fill(0);
  for (const t of arrivals) perWindow[Math.floor((t - first) / windowMs)]! += 1;
  const served = stats.requests - stats.served429;
  const overall = served / (windowCount * quota);
  const fullWindows = perWindow.slice(0, -1);
  const fullShare = fullWindows.length > 0 ? fullWindows.reduce((a, b) => a + b, 0) / (fullWindows.length * quota) : overall;
  const isMet = fullShare >= 0.9 && stats.served429 === 0;

  const header = [
    'requests',
    '429 served',
    'windows',
    'elapsed s',
    'quota used (all windows)',
    'quota used (full windows)',
    'min/window',
    'records',
    'peak RSS',
  ];
  const row = [
    int(stats.requests),
    int(stats.served429),
    int(windowCount),
    ((last - first) / 1000).toFixed(1),
    pct(overall),
    pct(fullShare),
    int(Math.min(...(fullWindows.length > 0 ? fullWindows : perWindow))),
    int(summary.streams.reduce((n, s) => n + s.records, 0)),
    mb(run.peakRssKb),
  ];
  const facts = [
    `quota ${quota} requests / ${(windowMs / 1000).toFixed(0)} s (BigCommerce's 150 / 30 s scaled down 10x in time); tap retries ${summary.retries}, tap-side 429s ${summary.rateLimited}`,
    `requests per window: ${perWindow.join(' ')}`,
    `target: >= 90% of the quota in full windows with 0 x 429: ${pct(fullShare)}, ${stats.served429} x 429, ${verdict(isMet)}`,
  ];
  return {
    name: 'quota',
    console: [table(header, [row]), ...facts].join('\n'),
    markdown: [
      `### Quota use (${quota} requests / ${windowMs / 1000} s)`,
      '',
      markdownTable(header, [row]),
      '',
      ...facts.map((f) => `- ${f}`),
    ].join('\n'),
  };
}
