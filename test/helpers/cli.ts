import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..');
export const CLI = join(REPO, 'dist', 'src', 'cli.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Every stdout line parsed as JSON (throws on a non-JSON line: stdout must hold messages only). */
  messages: Array<Record<string, any>>;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Send `killSignal` (default SIGKILL) once this many RECORD lines have been read. */
  killAfterRecords?: number;
  killSignal?: NodeJS.Signals;
  /** Run `run` once this many RECORD lines have been read (a change to the store while the tap walks it). */
  afterRecords?: { count: number; run: () => void };
  /** Destroy our end of stdout after this many lines (a target that closes the pipe early). */
  closeStdoutAfterLines?: number;
  timeoutMs?: number;
  /** stdout is not Singer messages (--about, --help): don't parse it. */
  isRawOutput?: boolean;
}

/** Runs the built CLI as a real child process. */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let records = 0;
    let lines = 0;
    let killed = false;
    let hasRunAfterRecords = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (options.closeStdoutAfterLines !== undefined && lines >= options.closeStdoutAfterLines) return;
      stdout += chunk;
      for (const ch of chunk) if (ch === '\n') lines++;
      if (options.closeStdoutAfterLines !== undefined && lines >= options.closeStdoutAfterLines) {
        child.stdout.destroy();
      }
      if (options.afterRecords !== undefined && !hasRunAfterRecords) {
        if ((stdout.match(/"type":"RECORD"/g) ?? []).length >= options.afterRecords.count) {
          hasRunAfterRecords = true;
          options.afterRecords.run();
        }
      }
      if (options.killAfterRecords !== undefined) {
        records = (stdout.match(/"type":"RECORD"/g) ?? []).length;
        if (records >= options.killAfterRecords && !killed) {
          killed = true;
          child.kill(options.killSignal ?? 'SIGKILL');
        }
      }
    });
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // A killed process may leave a partial last line: only complete lines are messages.
      const complete = stdout.endsWith('\n') ? stdout : stdout.slice(0, stdout.lastIndexOf('\n') + 1);
      const messages = options.isRawOutput
        ? []
        : complete
            .split('\n')
            .filter((l) => l !== '')
            .map((l) => JSON.parse(l) as Record<string, any>);
      resolve({ code, signal, stdout, stderr, messages });
    });
  });
}

export function tempJson(name: string, value: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'tap-bc-'));
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

export const recordsOf = (messages: Array<Record<string, any>>, stream: string) =>
  messages.filter((m) => m.type === 'RECORD' && m.stream === stream).map((m) => m.record as Record<string, any>);

export const lastStateOf = (messages: Array<Record<string, any>>) => messages.filter((m) => m.type === 'STATE').at(-1)?.value;
