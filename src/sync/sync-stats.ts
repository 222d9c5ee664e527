/** Per-stream figures for progress lines and the end-of-sync summary. */
export interface StreamStats {
  stream: string;
  records: number;
  startedAtMs: number;
  finishedAtMs?: number;
  totalInWindow?: number;
  finalBookmark?: string;
  status: 'running' | 'complete' | 'failed';
  error?: string;
}
