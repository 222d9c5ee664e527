/**
 * `--mode full`: a large lazy store, unlimited quota, the tap as its own process; per stream records,
 * requests, records/s, against the parse+stringify floor of the very bodies the tap received.
 */
import { type FloorResult, measureFloor, replayTargets } from '../lib/floor.js';
import { cpuSecondsOf, runTap, type StoreSizes, sandboxTapConfig, startSandboxProcess, type TapRun } from '../lib/processes.js';
import { int, type ModeResult, markdownTable, mb, parseSummary, pct, table, verdict } from '../lib/report.js';

export interface FullOptions {
  sizes: StoreSizes;
  /** The streams a catalog selects (not "every stream": other engineers keep adding them). */
  streams: readonly string[];
  workDir: string;
  /** Node flags for the tap process (e.g. `--max-old-space-size=96`). */
  tapNodeFlags: string[];
  /** `debug`: one run, timed with request logging on (needed for the replay). `info`: a timed run at the
   * default log level, then a second (untimed) run at debug level for the request targets. */
  timedLogLevel: 'debug' | 'info';
  log: (line: string) => void;
}

const ORDERS_TARGET = 0.5;

export async function runFullMode(options: FullOptions): Promise<ModeResult> {
  const { sizes, log } = options;
  log(
    `full: starting sandbox (${int(sizes.orders)} orders, ${int(sizes.products)} products, ${int(sizes.customers)} customers, ${int(sizes.coupons)} coupons, lazy, unlimited)`,
  );
  const sandbox = await startSandboxProcess(sizes, ['--unlimited']);
  let timed: TapRun;
  let targets: string[];
  let floors: Map<string, FloorResult>;
  let sandboxCpuSeconds: number | undefined;
  try {
    const config = sandboxTapConfig(sandbox.url);
    log(`full: running the tap (log level ${options.timedLogLevel}) against ${sandbox.url}`);
    timed = await runTap({
      config,
      streams: options.streams,
      workDir: options.workDir,
      nodeFlags: options.tapNodeFlags,
      logLevel: options.timedLogLevel,
      collectTargets: options.timedLogLevel === 'debug',
    });
    sandboxCpuSeconds = cpuSecondsOf(sandbox.pid);
    if (timed.exitCode !== 0) throw new Error(`tap exited with ${timed.exitCode}: ${timed.errorLines.join('\n')}`);
    targets = timed.targets;
    if (options.timedLogLevel === 'info') {
      log('full: second run at debug level to log the request targets');
      targets = (
        await runTap({
          config,
          streams: options.streams,
          workDir: options.workDir,
          nodeFlags: options.tapNodeFlags,
          logLevel: 'debug',
          collectTargets: true,
        })
      ).targets;
    }
    log(`full: tap done in ${(timed.wallMs / 1000).toFixed(1)} s; replaying ${int(targets.length)} requests for the floor`);
    const replayStart = performance.now();
    const bodies = await replayTargets(sandbox.url, 'sandbox1', 'sandbox-token', targets);
    log(`full: replay done in ${((performance.now() - replayStart) / 1000).toFixed(1)} s; measuring parse+stringify`);
    floors = new Map();
    for (const [stream, streamBodies] of bodies) floors.set(stream, measureFloor(streamBodies));
  } finally {
    await sandbox.stop();
  }

  const summary = parseSummary(timed.summaryLines);
  if (summary === null) throw new Error(`no summary in the tap's stderr: ${timed.errorLines.join('\n')}`);
  const header = ['stream', 'records', 'requests', 'seconds', 'records/s', 'floor rec/s', 'floor MB', 'tap/floor'];
  const rows = summary.streams.map((s) => {
    const floor = floors.get(s.stream);
    const rate = s.seconds > 0 ? s.records / s.seconds : 0;
    return [
      s.stream,
      int(s.records),
      int(s.requests),
      s.seconds.toFixed(1),
      int(rate),
      floor ? int(floor.recordsPerSecond) : '-',
      floor ? (floor.bytes / 2 ** 20).toFixed(0) : '-',
      floor ? pct(rate / floor.recordsPerSecond) : '-',
    ];
  });
  const totalRecords = summary.streams.reduce((n, s) => n + s.records, 0);
  rows.push([
    'total',
    int(totalRecords),
    int(summary.requests),
    summary.seconds.toFixed(1),
    int(totalRecords / summary.seconds),
    '',
    '',
    '',
  ]);
  const orders = summary.streams.find((s) => s.stream === 'orders');
  const ordersFloor = floors.get('orders');
  const ordersRatio = orders && ordersFloor && orders.seconds > 0 ? orders.records / orders.seconds / ordersFloor.recordsPerSecond : 0;
  const floorDetail = [...floors.values()]
    .map(
      (f) =>
        `${f.stream}: ${int(f.bodies)} bodies, ${int(f.records)} records, parse ${f.parseMs.toFixed(0)} ms + stringify ${f.stringifyMs.toFixed(0)} ms`,
    )
    .join('; ');
  const facts = [
    `tap wall time ${(timed.wallMs / 1000).toFixed(1)} s (sync ${summary.seconds.toFixed(1)} s), tap CPU ${timed.cpuSeconds.toFixed(1)} s (${pct(timed.cpuSeconds / (timed.wallMs / 1000))} of one core), sandbox CPU ${sandboxCpuSeconds?.toFixed(1) ?? '?'} s, peak RSS ${mb(timed.peakRssKb)}, ` +
      `stdout ${(timed.stdoutBytes / 2 ** 20).toFixed(0)} MB in ${int(timed.stdoutLines)} lines, ${summary.retries} retries, ${summary.rateLimited} x 429` +
      (options.timedLogLevel === 'debug' ? ' (timed run at --log-level debug: one stderr line more per request)' : ''),
    `floor (one core, no network): ${floorDetail}`,
    `target: orders records/s >= ${pct(ORDERS_TARGET)} of the floor: ${pct(ordersRatio)}, ${verdict(ordersRatio >= ORDERS_TARGET)}`,
  ];
  const consoleText = [table(header, rows), ...facts].join('\n');
  const markdown = [
    `### Full sync (${int(sizes.orders)} orders, ${int(sizes.products)} products, ${int(sizes.customers)} customers, ${int(sizes.coupons)} coupons; no quota)`,
    '',
    markdownTable(header, rows),
    '',
    ...facts.map((f) => `- ${f}`),
    '- "floor": `JSON.parse` of exactly the response bodies the tap received plus `JSON.stringify` of the same records, on one core with no network, normalization or validation.',
  ].join('\n');
  return { name: 'full', console: consoleText, markdown };
}
