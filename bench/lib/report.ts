/** Parsing the tap's stderr summary, and printing tables and the README block. */
import os from 'node:os';

export interface StreamSummary {
  stream: string;
  status: string;
  records: number;
  requests: number;
  retries: number;
  rateLimited: number;
  seconds: number;
}

export interface SyncSummary {
  seconds: number;
  requests: number;
  retries: number;
  rateLimited: number;
  streams: StreamSummary[];
}

/**
 * Reads the lines of `describeSummary` (src/sync/engine.ts):
 * `Sync summary: 4 stream(s) in 3.7s, 5915 requests, 0 retries, 0 rate-limited (429)` and
 * `  orders: complete, 2000 records, 5878 requests, 0 retries, 0 x 429, 2.8s, bookmark ...`.
 */
export function parseSummary(lines: readonly string[]): SyncSummary | null {
  let head: SyncSummary | null = null;
  for (const raw of lines) {
    const line = raw.replace(/^INFO /, '');
    const total = /^Sync summary: \d+ stream\(s\) in ([\d.]+)s, (\d+) requests, (\d+) retries, (\d+) rate-limited/.exec(line);
    if (total) {
      head = {
        seconds: Number(total[1]),
        requests: Number(total[2]),
        retries: Number(total[3]),
        rateLimited: Number(total[4]),
        streams: [],
      };
      continue;
    }
    const stream = /^\s+(\w+): (\w+), (\d+) records, (\d+) requests, (\d+) retries, (\d+) x 429, ([\d.]+)s/.exec(line);
    if (stream && head) {
      head.streams.push({
        stream: stream[1] ?? '',
        status: stream[2] ?? '',
        records: Number(stream[3]),
        requests: Number(stream[4]),
        retries: Number(stream[5]),
        rateLimited: Number(stream[6]),
        seconds: Number(stream[7]),
      });
    }
  }
  return head;
}

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const ramGb = Math.round(os.totalmem() / 2 ** 30);
  return `${cpu}, ${os.cpus().length} cores, ${ramGb} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** A fixed-width table: first column left-aligned, the rest right-aligned. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

/** A markdown table. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The 1-minute load average now (`uptime`'s first figure), with the core count: how busy the machine was. */
export function loadNow(): number {
  return os.loadavg()[0] ?? 0;
}

/** `load 3.1-5.2 on 2 cores`: the range of load averages seen during a measurement. */
export function describeLoad(samples: readonly number[]): string {
  const low = Math.min(...samples);
  const high = Math.max(...samples);
  const range = low.toFixed(1) === high.toFixed(1) ? low.toFixed(1) : `${low.toFixed(1)}-${high.toFixed(1)}`;
  return `load ${range} on ${os.cpus().length} cores`;
}

/** Runs `once` `reps` times in a row, noting the load average before each. */
export async function repeat<T>(reps: number, once: (rep: number) => Promise<T>): Promise<{ results: T[]; load: number[] }> {
  const results: T[] = [];
  const load: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    load.push(loadNow());
    results.push(await once(rep));
  }
  load.push(loadNow());
  return { results, load };
}

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
export const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
export const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');

/** One target of the issues, as the README's table shows it. */
export interface TargetRow {
  figure: string;
  target: string;
  result: string;
  isMet: boolean;
  /** What was run: streams, fields, config, repetitions. */
  settings: string;
  /** The machine's load average during the measurement. */
  load: string;
}

/** The result of one mode: console text plus the markdown it contributes to the README block. */
export interface ModeResult {
  name: string;
  console: string;
  markdown: string;
  targets?: TargetRow[];
}

/** The table of every target measured: figure, target, result, met or not, settings, load. */
export function targetsTable(rows: readonly TargetRow[]): { console: string; markdown: string } {
  const header = ['figure', 'target', 'result', 'met', 'settings', 'load'];
  const cells = rows.map((r) => [r.figure, r.target, r.result, r.isMet ? 'met' : '**not met**', r.settings, r.load]);
  return {
    console: table(
      header,
      cells.map((c) => c.map((x) => x.replace(/\*\*/g, ''))),
    ),
    markdown: markdownTable(header, cells),
  };
}

export function readmeBlock(results: readonly ModeResult[], command: string): string {
  const targets = results.flatMap((r) => r.targets ?? []);
  return [
    '## Performance',
    '',
    `Measured with \`${command}\` on ${machineLine()}. The sandbox store runs in its own process on the same`,
    'machine (lazy data generated from a seed), so tap and store share the CPUs.',
    '',
    ...(targets.length > 0 ? [targetsTable(targets).markdown, ''] : []),
    ...results.flatMap((r) => [r.markdown, '']),
  ].join('\n');
}

/** A mode's result shown as one table and its facts: the console form and the README form with its heading. */
export function tableModeResult(
  name: string,
  heading: string,
  table_: { header: string[]; rows: string[][] },
  facts: string[],
  targets: TargetRow[],
): ModeResult {
  return {
    name,
    console: [table(table_.header, table_.rows), ...facts].join('\n'),
    markdown: [`### ${heading}`, '', markdownTable(table_.header, table_.rows), '', ...facts.map((f) => `- ${f}`)].join('\n'),
    targets,
  };
}
