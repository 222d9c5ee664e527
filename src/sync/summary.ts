import type { ApiStats } from '../http/types.js';
import type { StreamStats } from './sync-stats.js';

/** The end-of-sync summary lines (stderr): per stream records, requests, retries, 429s, duration, bookmark. */
export function describeSummary(streams: StreamStats[], api: ApiStats, durationMs: number, nowMs: number): string[] {
  const lines = [
    `Sync summary: ${streams.length} stream(s) in ${(durationMs / 1000).toFixed(1)}s, ${api.requests} requests, ${api.retries} retries, ${api.rateLimited} rate-limited (429)`,
  ];
  for (const s of streams) {
    const a = api.byStream[s.stream] ?? { requests: 0, retries: 0, rateLimited: 0 };
    const seconds = ((s.finishedAtMs ?? nowMs) - s.startedAtMs) / 1000;
    lines.push(
      `  ${s.stream}: ${s.status}, ${s.records} records, ${a.requests} requests, ${a.retries} retries, ${a.rateLimited} x 429, ${seconds.toFixed(1)}s${s.finalBookmark ? `, bookmark ${s.finalBookmark}` : ''}${s.error ? `, error: ${s.error}` : ''}`,
    );
    // Extra figures (embedded details, deletion reconciliation) on lines of their own: a terminal line stays short.
    for (const note of s.notes ?? []) lines.push(`    ${s.stream}: ${note}`);
  }
  return lines;
}
