/** Per-stream figures for progress lines and the end-of-sync summary. */
export interface StreamStats {
  stream: string;
  records: number;
  startedAtMs: number;
  finishedAtMs?: number;
  totalInWindow?: number;
  finalBookmark?: string;
  /** `skipped`: the token can't read it (a missing scope) and it isn't one that fails the run. */
  status: 'running' | 'complete' | 'failed' | 'skipped';
  error?: string;
  /** Extra figures for the summary line (e.g. how many orders embedded their details). */
  notes?: string[];
}
