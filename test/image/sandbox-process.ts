import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface SandboxProcess {
  url: string;
  pid: number;
  /** SIGTERM to the sandbox's process id; resolves once it exited. */
  stop(): Promise<void>;
}

/**
 * Starts the sandbox store in its own process (`node dist/sandbox/command.js --port 0 …`, no quota) on
 * 127.0.0.1 and waits for its `SANDBOX_READY <url>` line. Containers reach it with `--network host`.
 */
export async function startSandboxProcess(
  repoRoot: string,
  credentials: { storeHash: string; accessToken: string },
): Promise<SandboxProcess> {
  const entry = join(repoRoot, 'dist/sandbox/command.js');
  const args = [entry, '--port', '0', '--unlimited', '--store-hash', credentials.storeHash, '--access-token', credentials.accessToken];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^SANDBOX_READY (\S+)/.exec(line);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('error', (error) => reject(new Error(`Cannot start the sandbox (${entry}): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`The sandbox exited with ${code} before it was ready: ${stderr}`)));
  });
  return {
    url,
    pid: child.pid ?? -1,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
