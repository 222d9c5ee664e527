import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { STREAMS } from '../../src/streams/index.js';
import { REPO } from '../helpers/cli.js';

const exec = promisify(execFile);

describe('the README run command', () => {
  it('`npm start --silent | <Singer validator>` prints valid Singer messages for every default stream and the summary, exit 0', async () => {
    const validator = join(REPO, 'dist', 'test', 'helpers', 'singer-validate-cli.js');
    const { stdout, stderr } = await exec('bash', ['-o', 'pipefail', '-c', `npm start --silent | node ${validator}`], {
      cwd: REPO,
      env: { ...process.env, npm_config_loglevel: 'silent' },
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const verdict = JSON.parse(stdout.trim()) as { messages: number; records: Record<string, number>; problems: string[] };
    expect(verdict.problems).toEqual([]);
    const defaults = STREAMS.filter((s) => s.isSelectedByDefault).map((s) => s.name);
    expect(Object.keys(verdict.records).sort()).toEqual([...defaults].sort());
    for (const count of Object.values(verdict.records)) expect(count).toBeGreaterThan(0);
    expect(stderr).toMatch(
      new RegExp(`Sync summary: ${defaults.length} stream\\(s\\) in [\\d.]+s, \\d+ requests, 0 retries, 0 rate-limited \\(429\\)`),
    );
    expect(stderr).toMatch(/ {2}orders: complete, \d+ records, \d+ requests/);
    // Readable: progress, each stream's end and the summary; no metric line per request.
    expect(stderr).not.toContain('METRIC');
    expect(stderr).toMatch(/^INFO orders: [\d,]+ records in [\d.]+s \([\d,]+ records\/s\), [\d,]+ requests, bookmark \S+$/m);
  });
});
