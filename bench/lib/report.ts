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

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
export const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
export const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');

/** The result of one mode: console text plus the markdown it contributes to the README block. */
export interface ModeResult {
  name: string;
  console: string;
  markdown: string;
}

export function readmeBlock(results: readonly ModeResult[], command: string): string {
  return [
    '## Performance',
    '',
    `Measured with \`${command}\` on ${machineLine()}. The sandbox store runs in its own process on the same`,
    'machine (lazy data generated from a seed), so tap and store share the CPUs.',
    '',
    ...results.flatMap((r) => [r.markdown, '']),
  ].join('\n');
}
