/**
 * `--mode economy` (issue 11): requests per order, split by route, for orders with every field selected, read
 * the embedded way (line items, addresses, consignments and fees in the list) and the per-order way
 * (`embedded_details: false`), plus orders without `coupons`; the projected wall time of a first sync on
 * BigCommerce's Standard (150 requests / 30 s) and Pro (450 / 30 s) plans. Request counts don't depend on the
 * machine: one run each. Sandbox traps off, deletion detection off.
 */
import { runTap, sandboxTapConfig, startSandboxProcess, type TapRun } from '../lib/processes.js';
import { describeLoad, int, loadNow, type ModeResult, parseSummary, type TargetRow, tableModeResult, verdict } from '../lib/report.js';

export interface EconomyOptions {
  orders: number;
  workDir: string;
  tapNodeFlags: string[];
  log: (line: string) => void;
}

const PLANS = [
  { name: 'Standard/Plus', requests: 150 },
  { name: 'Pro', requests: 450 },
] as const;
const WINDOW_S = 30;

interface EconomyRun {
  label: string;
  records: number;
  requests: number;
  byEndpoint: Record<string, number>;
}

async function runOnce(options: EconomyOptions, url: string, label: string, extra: Record<string, unknown>, deselect: string[]) {
  options.log(`economy: ${label}`);
  const run: TapRun = await runTap({
    config: sandboxTapConfig(url, { detect_deletes: false, ...extra }),
    workDir: options.workDir,
    nodeFlags: options.tapNodeFlags,
    streams: ['orders'],
    deselect: { orders: deselect },
  });
  const stream = parseSummary(run.summaryLines)?.streams.find((s) => s.stream === 'orders');
  if (run.exitCode !== 0 || stream === undefined) throw new Error(`tap exited with ${run.exitCode}: ${run.errorLines.join('\n')}`);
  return { label, records: stream.records, requests: stream.requests, byEndpoint: run.requestsByEndpoint } satisfies EconomyRun;
}

const hours = (requests: number, perWindow: number) => ((requests / perWindow) * WINDOW_S) / 3600;

export async function runEconomyMode(options: EconomyOptions): Promise<ModeResult> {
  const { orders } = options;
  const load = [loadNow()];
  const sandbox = await startSandboxProcess({ orders, customers: 0, products: 0, coupons: 0 }, ['--unlimited']);
  let runs: EconomyRun[];
  try {
    runs = [
      await runOnce(options, sandbox.url, 'every field, embedded', {}, []),
      await runOnce(options, sandbox.url, 'every field, per order (embedded_details: false)', { embedded_details: false }, []),
      await runOnce(options, sandbox.url, 'coupons deselected, embedded', {}, ['coupons']),
    ];
  } finally {
    await sandbox.stop();
  }
  load.push(loadNow());
  const endpoints = [...new Set(runs.flatMap((r) => Object.keys(r.byEndpoint)))].sort();
  const header = ['route (endpoint)', ...runs.map((r) => r.label)];
  const perOrder = (r: EconomyRun, n: number) => (n / r.records).toFixed(4);
  const rows = [
    ...endpoints.map((e) => [e, ...runs.map((r) => `${int(r.byEndpoint[e] ?? 0)} (${perOrder(r, r.byEndpoint[e] ?? 0)}/order)`)]),
    ['total', ...runs.map((r) => `${int(r.requests)} (${perOrder(r, r.requests)}/order)`)],
    ...PLANS.map((p) => [
      `first sync on ${p.name} (${p.requests} / ${WINDOW_S} s)`,
      ...runs.map((r) => `${hours(r.requests, p.requests).toFixed(1)} h`),
    ]),
  ];
  const [embedded, perOrderRun, noCoupons] = runs as [EconomyRun, EconomyRun, EconomyRun];
  const allowed = Math.floor(1.01 * orders + orders / 250);
  const targets: TargetRow[] = [
    {
      figure: `requests, ${int(orders)} orders, every field (issue 11)`,
      target: `<= 1.01/order + 1 per 250 orders (${int(allowed)})`,
      result: `${int(embedded.requests)} (${perOrder(embedded, embedded.requests)}/order; per-order path ${int(perOrderRun.requests)}, ${perOrder(perOrderRun, perOrderRun.requests)}/order)`,
      isMet: embedded.requests <= allowed && embedded.records === orders,
      settings: 'orders only, traps off, detect_deletes false, default max_concurrency',
      load: describeLoad(load),
    },
    {
      figure: `requests, ${int(orders)} orders, coupons deselected (issue 11)`,
      target: `<= 1 per 200 orders (${int(orders / 200)})`,
      result: `${int(noCoupons.requests)} (1 per ${int(noCoupons.records / noCoupons.requests)} orders)`,
      isMet: noCoupons.requests <= orders / 200 && noCoupons.records === orders,
      settings: 'orders only, traps off, detect_deletes false',
      load: describeLoad(load),
    },
  ];
  const facts = [
    `sandbox store of ${int(orders)} orders (traps off); orders stream only; counts from the tap's http_request_count METRIC lines`,
    ...targets.map((t) => `target ${t.figure}: ${t.target}: ${t.result}, ${verdict(t.isMet)}`),
  ];
  return tableModeResult('economy', 'Requests per order (issue 11)', { header, rows }, facts, targets);
}
