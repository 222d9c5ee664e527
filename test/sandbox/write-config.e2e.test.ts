import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, recordsOf, runCli } from '../helpers/cli.js';

describe('tap-bigcommerce sandbox (child process)', () => {
  it('--write-config FILE writes the matching tap config; the tap syncs the store with --config FILE', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tap-bc-sandbox-')), 'sandbox-config.json');
    const sandbox = spawn(
      process.execPath,
      [CLI, 'sandbox', '--orders', '3', '--customers', '2', '--products', '2', '--coupons', '1', '--write-config', file],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => sandbox.on('close', resolve));
    // The config is written once the store listens; the line saying so is the signal to go on.
    await new Promise<void>((resolve, reject) => {
      sandbox.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes(`Wrote it to ${file}`)) resolve();
      });
      sandbox.on('close', () => reject(new Error(`the sandbox exited early:\n${stderr}`)));
    });
    try {
      const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      expect(Object.keys(config).sort()).toEqual(['access_token', 'api_url', 'start_date', 'store_hash']);
      expect(stderr).toContain(`Sandbox BigCommerce store listening on ${config.api_url}`);
      expect(stderr).toContain(`Wrote it to ${file}: run tap-bigcommerce --config ${file} in another shell.`);
      const run = await runCli(['--config', file]);
      expect(run.code).toBe(0);
      expect(recordsOf(run.messages, 'orders')).toHaveLength(3);
    } finally {
      sandbox.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });

  it('--write-config to a path that cannot be written is an error (exit 2) naming it', async () => {
    const run = await runCli(['sandbox', '--write-config', '/nonexistent-dir/sandbox-config.json'], { isRawOutput: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'sandbox: could not write the config to /nonexistent-dir/sandbox-config.json (ENOENT): check the --write-config path.',
    );
  });

  it('--help describes every option', async () => {
    const run = await runCli(['sandbox', '--help'], { isRawOutput: true });
    expect(run.code).toBe(0);
    // Size flags are stream names: `--tax_classes`.
    const options = run.stdout.split('\n').filter((l) => /^\s+--[a-z_-]+/.test(l));
    expect(options.length).toBeGreaterThan(20);
    for (const line of options) expect(line, line).toMatch(/^\s+--[a-z0-9_-]+\s{2,}[a-z:]/i);
    expect(run.stdout).toContain('--write-config');
  });
});
