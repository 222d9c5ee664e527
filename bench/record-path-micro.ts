/**
 * Micro-benchmark: the tap's record path against the floor, on real order list pages (the sandbox's
 * `GET /v2/orders?include=consignments.line_items,fees`, 250 orders each), in this process, no network:
 *   floor: JSON.parse of the page + JSON.stringify of each record;
 *   tap:   what a sync does with the same page: the client's body parsing, the embedded details (line items,
 *          addresses, consignments, fees) proven and extracted, normalize, select fields, validate, and the
 *          Singer RECORD line written to a stream (a Writable that discards, so UTF-8 encoding is counted).
 * Streams: `orders` alone with every field but `coupons` (the per-order request). Each figure is the median of
 * the rounds' CPU time per record; the first round warms the JIT up.
 * `npm run build && node dist/bench/record-path-micro.js [--pages 8] [--rounds 7]`
 */
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createFakeClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import { parseSuccessBody } from '../src/http/response-body.js';
import type { ApiClient } from '../src/http/types.js';
import { createLogger } from '../src/logger.js';
import { catalogEntry, selectFromCatalog } from '../src/singer/catalog.js';
import { createSingerSink } from '../src/singer/singer-sink.js';
import { findStream } from '../src/streams/index.js';
import { GroupWriter } from '../src/sync/group-writer.js';
import { planGroups } from '../src/sync/stream-group.js';
import type { StreamStats } from '../src/sync/sync-stats.js';
import { startSandboxProcess } from './lib/processes.js';
import { median } from './lib/report.js';

const ORDERS_QUERY = 'sort=date_modified:asc&limit=250&include=consignments.line_items,fees&consignment_structure=object';

/** `pages` order list pages with every include, as the tap asks for them. */
async function orderPages(pages: number): Promise<string[]> {
  const sandbox = await startSandboxProcess({ orders: pages * 250, customers: 0, products: 0, coupons: 0 }, ['--unlimited']);
  try {
    const texts: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const response = await fetch(`${sandbox.url}/stores/sandbox1/v2/orders?${ORDERS_QUERY}&page=${page}`, {
        headers: { 'X-Auth-Token': 'sandbox-token', Accept: 'application/json' },
      });
      texts.push(await response.text());
    }
    return texts;
  } finally {
    await sandbox.stop();
  }
}

/** A writer for `orders` with every field but coupons, as a catalog selects it. */
function ordersWriter(): GroupWriter {
  const definition = findStream('orders');
  if (definition === undefined) throw new Error('no orders stream');
  const entry = catalogEntry(definition);
  for (const m of entry.metadata) if (m.breadcrumb.length === 2 && m.breadcrumb[1] === 'coupons') m.metadata.selected = false;
  const [group] = planGroups(selectFromCatalog({ streams: [entry] }, () => undefined));
  if (group === undefined) throw new Error('no group');
  const { config } = parseConfig({
    store_hash: 'bench',
    access_token: 'bench-token',
    start_date: '2015-01-01T00:00:00Z',
    detect_deletes: false,
  });
  const noRequests: ApiClient = {
    get: () => Promise.reject(new Error('the record path made a request')),
    stats: () => ({ requests: 0, retries: 0, rateLimited: 0, byStream: {} }),
    close: () => undefined,
  };
  const logger = createLogger({ level: 'warn', write: () => undefined });
  const stats: StreamStats = { stream: 'orders', records: 0, startedAtMs: 0, status: 'running' };
  return new GroupWriter(group, { client: noRequests, config, logger, now: createFakeClock().now }, () => stats);
}

const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

function cpuUs(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

async function tapPass(texts: readonly string[], writer: GroupWriter): Promise<{ us: number; records: number }> {
  const sink = createSingerSink(discard());
  let records = 0;
  const start = cpuUs();
  for (const bodyText of texts) {
    const page = parseSuccessBody({ apiVersion: 'v2', status: 200, bodyText, method: 'GET', path: '/v2/orders', secrets: [] });
    for (const event of await writer.write(page.records)) {
      const pending = sink.write(event);
      if (pending) await pending;
    }
    records += page.records.length;
  }
  await sink.flush();
  return { us: cpuUs() - start, records };
}

function floorPass(texts: readonly string[]): { us: number; records: number } {
  let records = 0;
  let chars = 0;
  const start = cpuUs();
  for (const text of texts) {
    const list = JSON.parse(text) as unknown[];
    for (const record of list) chars += JSON.stringify(record).length;
    records += list.length;
  }
  const us = cpuUs() - start;
  if (chars < 0) throw new Error('unreachable');
  return { us, records };
}

export interface RecordPathFigure {
  records: number;
  bytesPerRecord: number;
  floorUsPerRecord: number;
  tapUsPerRecord: number;
  /** tap / floor, median of the rounds' ratios. */
  ratio: number;
  rounds: number[];
}

/** Fetches the pages, then times floor and tap passes, alternating. */
export async function runRecordPathMicro(options: { pages: number; rounds: number }): Promise<RecordPathFigure> {
  const texts = await orderPages(options.pages);
  const writer = ordersWriter();
  const floors: number[] = [];
  const taps: number[] = [];
  let records = 0;
  for (let round = 0; round <= options.rounds; round++) {
    const floor = floorPass(texts);
    const tap = await tapPass(texts, writer);
    records = tap.records;
    if (round === 0) continue;
    floors.push(floor.us / floor.records);
    taps.push(tap.us / tap.records);
  }
  const ratios = taps.map((t, i) => t / (floors[i] ?? t));
  return {
    records,
    bytesPerRecord: texts.reduce((n, t) => n + t.length, 0) / records,
    floorUsPerRecord: median(floors),
    tapUsPerRecord: median(taps),
    ratio: median(ratios),
    rounds: ratios,
  };
}

export function describeRecordPath(f: RecordPathFigure): string {
  return (
    `record path (orders with line items, addresses, consignments and fees embedded; coupons deselected; ${f.records.toLocaleString('en-US')} records of ${Math.round(f.bytesPerRecord).toLocaleString('en-US')} bytes): ` +
    `floor ${f.floorUsPerRecord.toFixed(1)} us/record, tap ${f.tapUsPerRecord.toFixed(1)} us/record, tap/floor ${f.ratio.toFixed(2)}x (rounds: ${f.rounds.map((r) => r.toFixed(2)).join(' ')})`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { pages: { type: 'string', default: '8' }, rounds: { type: 'string', default: '7' } } });
  const figure = await runRecordPathMicro({ pages: Number(values.pages), rounds: Number(values.rounds) });
  process.stdout.write(`${describeRecordPath(figure)}\n`);
}
