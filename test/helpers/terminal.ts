import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './cli.js';

export interface TerminalRun {
  code: number | null;
  /** Everything the tap wrote to its terminal (stderr), escape sequences included. */
  output: string;
  /** The tap's stdout, redirected to a file (Singer messages). */
  stdout: string;
}

const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;

/**
 * Runs the built CLI on a pseudo-terminal of `cols` columns (script(1)), stdout redirected to a file as in
 * `tap ... > out.jsonl`. `onOutput` sees the terminal output so far and may type into the terminal (`\x03`
 * is Ctrl-C: the terminal sends SIGINT to the tap).
 */
export function runInTerminal(
  args: string[],
  options: { cols?: number; timeoutMs?: number; onOutput?: (output: string, type: (keys: string) => void) => void } = {},
): Promise<TerminalRun> {
  const dir = mkdtempSync(join(tmpdir(), 'tap-bc-tty-'));
  const out = join(dir, 'out.jsonl');
  const command = `stty cols ${options.cols ?? 100} rows 40; exec ${quote(process.execPath)} ${quote(CLI)} ${args.map(quote).join(' ')} > ${quote(out)}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      options.onOutput?.(output, (keys) => child.stdin.write(keys));
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, stdout: readFileSync(out, 'utf8') });
    });
  });
}
