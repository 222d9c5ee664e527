/**
 * Child processes for the benchmark: the sandbox store (own process, `SANDBOX_READY <url>` handshake) and the
 * tap (stdout into a counting sink, stderr kept as lines, peak RSS sampled from /proc).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The package root: `dist/bench/lib/` is three levels below it. */
export const PACKAGE_ROOT = join(new URL('.', import.meta.url).pathname, '..', '..', '..');
const SANDBOX_ENTRY = join(PACKAGE_ROOT, 'dist', 'sandbox', 'command.js');
const TAP_ENTRY = join(PACKAGE_ROOT, 'dist', 'src', 'cli.js');

export interface SandboxProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A type alias, not an interface: it must be assignable to the sandbox's `sizes: Record<string, number>`. */
export type StoreSizes = {
  orders: number;
  customers: number;
  products: number;
  coupons: number;
};

/** Starts `dist/sandbox/command.js` with lazy data and waits for its `SANDBOX_READY` line. */
export async function startSandboxProcess(sizes: StoreSizes, extraArgs: string[] = []): Promise<SandboxProcess> {
  const args = [
    SANDBOX_ENTRY,
    '--port',
    '0',
    '--lazy',
    '--orders',
    String(sizes.orders),
    '--customers',
    String(sizes.customers),
    '--products',
    String(sizes.products),
    '--coupons',
    String(sizes.coupons),
    ...extraArgs,
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.join('').length < 20_000) stderr.push(chunk);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^SANDBOX_READY (\S+)/.exec(line);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code} before it was ready: ${stderr.join('')}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    pid: child.pid ?? -1,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The tap config matching a sandbox (command defaults: store `sandbox1`, token `sandbox-token`). */
export function sandboxTapConfig(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { store_hash: 'sandbox1', access_token: 'sandbox-token', api_url: url, start_date: '2015-01-01T00:00:00Z', ...extra };
}

export interface TapRunOptions {
  config: Record<string, unknown>;
  /** Where config (and catalog) files go. */
  workDir: string;
  /** Streams to select through a catalog file; all streams when absent. */
  streams?: readonly string[];
  /** Top-level fields to deselect, per stream (e.g. the order sub-resources). */
  deselect?: Record<string, readonly string[]>;
  logLevel?: 'debug' | 'info';
  /** Extra node flags (e.g. `--cpu-prof`). */
  nodeFlags?: string[];
  /** Keep `DEBUG GET <target> -> 200` targets (for the floor replay). */
  collectTargets?: boolean;
}

/** Requests per endpoint label, summed from the tap's `http_request_count` METRIC lines. */
export type EndpointCounts = Record<string, number>;

export interface TapRun {
  exitCode: number | null;
  wallMs: number;
  stdoutBytes: number;
  stdoutLines: number;
  /** Peak resident set (VmHWM) in KiB, last value read from /proc before the process exited. */
  peakRssKb: number;
  /** RSS samples (KiB) every 100 ms, for growth checks. */
  rssSamplesKb: number[];
  /** User + system CPU seconds of the tap, last value read from /proc before the process exited. */
  cpuSeconds: number;
  summaryLines: string[];
  errorLines: string[];
  /** `/v2/orders?...` targets answered 200, in log order (debug level only). */
  targets: string[];
  /** Requests by endpoint (`orders`, `orders.coupons`, ...), from the METRIC lines. */
  requestsByEndpoint: EndpointCounts;
}

/** Runs `dist/src/cli.js --config ...` to completion. */
export async function runTap(options: TapRunOptions): Promise<TapRun> {
  const configPath = join(options.workDir, `config-${process.hrtime.bigint()}.json`);
  writeFileSync(configPath, JSON.stringify(options.config));
  const args = [...(options.nodeFlags ?? []), TAP_ENTRY, '--config', configPath, '--log-level', options.logLevel ?? 'info'];
  if (options.streams !== undefined || options.deselect !== undefined) {
    const catalogPath = configPath.replace(/\.json$/, '-catalog.json');
    writeFileSync(catalogPath, JSON.stringify(await makeCatalog(configPath, options.streams, options.deselect ?? {})));
    args.push('--catalog', catalogPath);
  }
  const startedMs = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdoutBytes = 0;
  let stdoutLines = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    stdoutBytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) stdoutLines++;
  });
  const summaryLines: string[] = [];
  const errorLines: string[] = [];
  const targets: string[] = [];
  const requestsByEndpoint: EndpointCounts = {};
  const stderrLines = createInterface({ input: child.stderr, crlfDelay: Infinity });
  stderrLines.on('line', (line) => {
    if (line.startsWith('INFO METRIC: {"type":"counter","metric":"http_request_count"')) {
      const point = JSON.parse(line.slice('INFO METRIC: '.length)) as { value: number; tags: { endpoint: string } };
      requestsByEndpoint[point.tags.endpoint] = (requestsByEndpoint[point.tags.endpoint] ?? 0) + point.value;
    } else if (line.startsWith('DEBUG GET ')) {
      if (!options.collectTargets) return;
      const match = /^DEBUG GET (\S+) -> 200 /.exec(line);
      if (match?.[1] !== undefined) targets.push(match[1]);
    } else if (line.startsWith('INFO Sync summary') || line.startsWith('INFO   ')) {
      summaryLines.push(line);
    } else if (line.startsWith('ERROR') || line.startsWith('WARN')) {
      if (errorLines.length < 50) errorLines.push(line);
    }
  });
  const rss = sampleRss(child);
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const wallMs = performance.now() - startedMs;
  rss.stop();
  await new Promise<void>((resolve) =>
    (stderrLines as unknown as { closed?: boolean }).closed ? resolve() : stderrLines.once('close', () => resolve()),
  );
  return {
    exitCode,
    wallMs,
    stdoutBytes,
    stdoutLines,
    peakRssKb: rss.peakKb(),
    rssSamplesKb: rss.samples,
    cpuSeconds: rss.cpuSeconds(),
    summaryLines,
    errorLines,
    targets,
    requestsByEndpoint,
  };
}

/** Polls /proc/<pid>/status every 100 ms: VmHWM (peak, monotonic) and VmRSS. */
function sampleRss(child: ChildProcess): { stop(): void; peakKb(): number; cpuSeconds(): number; samples: number[] } {
  let peakKb = 0;
  let cpu = 0;
  const samples: number[] = [];
  const read = (): void => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      const current = /VmRSS:\s+(\d+) kB/.exec(status);
      if (hwm?.[1] !== undefined) peakKb = Math.max(peakKb, Number(hwm[1]));
      if (current?.[1] !== undefined) samples.push(Number(current[1]));
      cpu = cpuSecondsOf(child.pid ?? -1) ?? cpu;
    } catch {
      // The process is gone: keep the last reading.
    }
  };
  read();
  const timer = setInterval(read, 100);
  // Read once more the moment the process stops writing output (it is about to exit).
  child.stdout?.once('end', read);
  return { stop: () => clearInterval(timer), peakKb: () => peakKb, cpuSeconds: () => cpu, samples };
}

/** utime + stime from /proc/<pid>/stat, in seconds (clock ticks of 100 Hz); undefined once the process is gone. */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

interface CatalogEntry {
  tap_stream_id: string;
  metadata: Array<{ breadcrumb: string[]; metadata: Record<string, unknown> }>;
}

/** `--discover`, then select only `streams` and deselect the given fields. */
async function makeCatalog(
  configPath: string,
  streams: readonly string[] | undefined,
  deselect: Record<string, readonly string[]>,
): Promise<unknown> {
  const child = spawn(process.execPath, [TAP_ENTRY, '--config', configPath, '--discover'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`--discover exited with ${code}`);
  const catalog = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { streams: CatalogEntry[] };
  for (const entry of catalog.streams) {
    const isSelected = streams === undefined || streams.includes(entry.tap_stream_id);
    for (const m of entry.metadata) {
      if (m.breadcrumb.length === 0) m.metadata.selected = isSelected;
      const field = m.breadcrumb[1];
      if (m.breadcrumb.length === 2 && field !== undefined && deselect[entry.tap_stream_id]?.includes(field)) m.metadata.selected = false;
    }
  }
  return catalog;
}
