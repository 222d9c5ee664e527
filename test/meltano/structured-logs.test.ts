import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../sandbox/index.js';
import { systemClock } from '../../src/clock.js';
import type { CommandIo } from '../../src/commands/io.js';
import { readConfigSources } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { main } from '../../src/main.js';
import { STREAMS } from '../../src/streams/index.js';
import { tempFiles } from '../airbyte/helpers.js';
import { everyCollection } from '../helpers/sandbox-session.js';
import { structuredLines } from './structured-log-lines.js';

const files = tempFiles();
afterAll(() => files.cleanup());

describe('structured logs (in-process)', () => {
  test('logger: METRIC line shape, warning level, extra, secrets redacted', () => {
    const written: string[] = [];
    const logger = createLogger({
      level: 'debug',
      format: 'json',
      write: (l) => written.push(l),
      secrets: ['secret-token-xyz'],
      now: () => 1_700_000_000_123,
      streamName: () => 'orders',
    });
    logger.metric({ type: 'counter', metric: 'record_count', value: 12, tags: { stream: 'orders' } });
    logger.warn('careful with secret-token-xyz', { page: 3 });
    logger.info('plain');
    const lines = structuredLines(written.join('\n'));
    expect(lines[0]).toMatchObject({
      level: 'info',
      message: 'METRIC',
      metric_info: { type: 'counter', metric: 'record_count', value: 12, tags: { stream: 'orders' } },
      stream_name: 'orders',
      ts: 1_700_000_000.123,
    });
    expect(lines[1]).toMatchObject({ level: 'warning', message: 'careful with ***', extra: { page: 3 } });
    expect(lines[2]).toMatchObject({ level: 'info', message: 'plain', extra: {} });
    for (const l of lines) expect(l.pid).toBe(process.pid);
  });
});

describe('--config ENV (TAP_BIGCOMMERCE_* variables)', () => {
  test('coerces integers and booleans by the schema; the environment overrides files', () => {
    const file = files.write('base.json', {
      store_hash: 'fromfile',
      access_token: 'file-token',
      start_date: '2024-01-01T00:00:00Z',
      page_size: 50,
    });
    const raw = readConfigSources([file, 'ENV'], {
      TAP_BIGCOMMERCE_ACCESS_TOKEN: 'env-token',
      TAP_BIGCOMMERCE_PAGE_SIZE: '100',
      TAP_BIGCOMMERCE_MAX_RETRIES: '3',
      TAP_BIGCOMMERCE_REQUEST_TIMEOUT_S: '12.5',
      TAP_BIGCOMMERCE_EMIT_ACTIVATE_VERSION_MESSAGES: 'off',
    });
    expect(raw).toMatchObject({
      store_hash: 'fromfile',
      access_token: 'env-token',
      page_size: 100,
      max_retries: 3,
      request_timeout_s: 12.5,
      emit_activate_version_messages: false,
    });
    for (const truthy of ['true', '1', 'yes', 'on', 'TRUE', 'Yes']) {
      expect(
        readConfigSources(['ENV'], { TAP_BIGCOMMERCE_EMIT_ACTIVATE_VERSION_MESSAGES: truthy }).emit_activate_version_messages,
        truthy,
      ).toBe(true);
    }
    for (const falsy of ['false', '0', 'no', 'off', '']) {
      expect(
        readConfigSources(['ENV'], { TAP_BIGCOMMERCE_EMIT_ACTIVATE_VERSION_MESSAGES: falsy }).emit_activate_version_messages,
        falsy,
      ).toBe(false);
    }
    // Without the ENV source, variables are not read.
    expect(readConfigSources([file], { TAP_BIGCOMMERCE_ACCESS_TOKEN: 'env-token' }).access_token).toBe('file-token');
  });

  describe('through main() against the sandbox store', () => {
    let sandbox: SandboxHandle;
    beforeAll(async () => {
      // No quota: the limiter would pace these requests over its window (this test is about settings).
      sandbox = await startSandbox({ sizes: everyCollection(3), quota: null });
    });
    afterAll(async () => {
      await sandbox.close();
    });

    async function runMain(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string[] }> {
      let stdout = '';
      const stderr: string[] = [];
      const io: CommandIo = {
        stdout: new Writable({
          write(chunk: Buffer | string, _encoding, callback) {
            stdout += chunk.toString();
            callback();
          },
        }),
        writeErr: (line) => stderr.push(line),
        env,
        clock: systemClock,
      };
      const code = await main(argv, io);
      return { code, stdout, stderr };
    }

    test('a file with a wrong token, the right one and coerced settings from the environment: the sync runs', async () => {
      const config = sandbox.config();
      const file = files.write('sandbox-base.json', { ...config, access_token: 'wrong-token-in-file', page_size: 250 });
      const env = {
        TAP_BIGCOMMERCE_ACCESS_TOKEN: String(config.access_token),
        TAP_BIGCOMMERCE_PAGE_SIZE: '2',
        TAP_BIGCOMMERCE_MAX_CONCURRENCY: '1',
        TAP_BIGCOMMERCE_EMIT_ACTIVATE_VERSION_MESSAGES: 'no',
      };
      const run = await runMain(['--config', file, '--config', 'ENV'], env);
      expect(run.code, run.stderr.join('\n')).toBe(0);
      const messages = run.stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as { type: string; stream?: string });
      const streams = new Set(messages.filter((m) => m.type === 'RECORD').map((m) => m.stream));
      // Every stream the store holds records of (a small store may have no order coupons).
      const held = STREAMS.filter((s) => s.isSelectedByDefault && sandbox.snapshot(s.name).length > 0).map((s) => s.name);
      expect([...streams].sort()).toEqual([...held].sort());
      // emit_activate_version_messages=no arrived as the boolean false.
      expect(messages.some((m) => m.type === 'ACTIVATE_VERSION')).toBe(false);
      // page_size=2 and max_concurrency=1 arrived as integers: three coupons take two or more list
      // pages (one with the file's 250), and never two requests at once.
      const stats = sandbox.stats();
      expect(stats.byRoute['GET /v2/coupons']).toBeGreaterThanOrEqual(2);
      expect(stats.maxInFlight).toBe(1);

      // The file's page_size this time: one page per stream is enough to see the versions.
      const withVersions = await runMain(['--config', file, '--config', 'ENV'], {
        TAP_BIGCOMMERCE_ACCESS_TOKEN: env.TAP_BIGCOMMERCE_ACCESS_TOKEN,
        TAP_BIGCOMMERCE_EMIT_ACTIVATE_VERSION_MESSAGES: 'on',
      });
      expect(withVersions.code).toBe(0);
      expect(withVersions.stdout).toContain('"type":"ACTIVATE_VERSION"');
    });

    test('without ENV the file token is used: the sync fails with 401, the token never printed', async () => {
      const config = sandbox.config();
      const file = files.write('sandbox-wrong.json', { ...config, access_token: 'wrong-token-in-file' });
      const run = await runMain(['--config', file], { TAP_BIGCOMMERCE_ACCESS_TOKEN: String(config.access_token) });
      expect(run.code).toBe(1);
      expect(run.stderr.join('\n')).toMatch(/401|token/i);
      expect(run.stderr.join('\n')).not.toContain('wrong-token-in-file');
    });

    test("a value the schema rejects after coercion is a config error naming the variable's setting", async () => {
      const run = await runMain(['--config', 'ENV'], {
        ...Object.fromEntries(Object.entries(sandbox.config()).map(([k, v]) => [`TAP_BIGCOMMERCE_${k.toUpperCase()}`, String(v)])),
        TAP_BIGCOMMERCE_PAGE_SIZE: 'many',
      });
      expect(run.code).toBe(2);
      expect(run.stderr.join('\n')).toContain('page_size');
    });
  });
});
