/**
 * `--mode scale`: the orders stream alone on two store sizes (default 100k and 500k orders); peak RSS of the
 * tap for both (target: < 150 MB and no growth with the store size).
 */
import { runTap, sandboxTapConfig, startSandboxProcess } from '../lib/processes.js';
import { int, type ModeResult, markdownTable, mb, parseSummary, table, verdict } from '../lib/report.js';

export interface ScaleOptions {
  orderCounts: readonly number[];
  /** Keep line items, shipping addresses and coupons (3 requests more per order: slow at 500k). */
  withSubResources: boolean;
  workDir: string;
  /** Node flags for the tap process (e.g. `--max-old-space-size=96`). */
  tapNodeFlags: string[];
  log: (line: string) => void;
}

const RSS_LIMIT_KB = 150 * 1024;
/** Peak RSS may differ this much between sizes and still count as "no growth" (GC timing noise). */
const GROWTH_TOLERANCE = 0.1;

export async function runScaleMode(options: ScaleOptions): Promise<ModeResult> {
  const header = ['orders', 'records', 'requests', 'seconds', 'records/s', 'peak RSS', 'RSS 1st half avg', 'RSS 2nd half avg'];
  const rows: string[][] = [];
  const peaks: number[] = [];
  for (const orders of options.orderCounts) {
    const sandbox = await startSandboxProcess({ orders, customers: 0, products: 0, coupons: 0 }, ['--unlimited']);
    options.log(
      `scale: ${int(orders)} orders (orders stream only${options.withSubResources ? '' : ', sub-resources deselected'}) against ${sandbox.url}`,
    );
    let run: Awaited<ReturnType<typeof runTap>>;
    try {
      run = await runTap({
        config: sandboxTapConfig(sandbox.url),
        workDir: options.workDir,
        nodeFlags: options.tapNodeFlags,
        streams: ['orders'],
        ...(options.withSubResources ? {} : { deselect: { orders: ['products', 'shipping_addresses', 'coupons'] } }),
      });
    } finally {
      await sandbox.stop();
    }
    const summary = parseSummary(run.summaryLines);
    const stream = summary?.streams.find((s) => s.stream === 'orders');
    if (run.exitCode !== 0 || stream === undefined) throw new Error(`tap exited with ${run.exitCode}: ${run.errorLines.join('\n')}`);
    const half = Math.floor(run.rssSamplesKb.length / 2);
    const avg = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
    peaks.push(run.peakRssKb);
    rows.push([
      int(orders),
      int(stream.records),
      int(stream.requests),
      stream.seconds.toFixed(1),
      int(stream.records / stream.seconds),
      mb(run.peakRssKb),
      mb(avg(run.rssSamplesKb.slice(0, half))),
      mb(avg(run.rssSamplesKb.slice(half))),
    ]);
  }
  const maxPeak = Math.max(...peaks);
  const growth = (peaks[peaks.length - 1] ?? 0) / (peaks[0] ?? 1) - 1;
  const isMet = maxPeak < RSS_LIMIT_KB && growth <= GROWTH_TOLERANCE;
  const facts = [
    `orders stream only${options.withSubResources ? ', with line items, shipping addresses and coupons' : ', its sub-resource fields deselected (list pages only, so 500k orders fit in minutes; the full mode covers sub-resources)'}`,
    `target: peak RSS < 150 MB and no growth with the store size: max ${mb(maxPeak)}, growth ${(growth * 100).toFixed(0)}% from ${int(options.orderCounts[0] ?? 0)} to ${int(options.orderCounts[options.orderCounts.length - 1] ?? 0)} orders, ${verdict(isMet)}`,
  ];
  return {
    name: 'scale',
    console: [table(header, rows), ...facts].join('\n'),
    markdown: ['### Memory against store size', '', markdownTable(header, rows), '', ...facts.map((f) => `- ${f}`)].join('\n'),
  };
}
