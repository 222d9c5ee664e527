import { afterAll, describe, expect, test } from 'vitest';
import { STREAMS } from '../../src/streams/index.js';
import { cleanEnv, runCli, tempFiles } from '../airbyte/helpers.js';
import { structuredLines } from './structured-log-lines.js';

const files = tempFiles();
afterAll(() => files.cleanup());
const meltanoEnv = () => cleanEnv({ SINGER_SDK_LOG_CONFIG: '/dev/null' });
const validConfig = { store_hash: 'abc123', access_token: 'secret-token-xyz', start_date: '2024-01-01T00:00:00Z', colour: 'blue' };

describe('structured logs (--log-format json, SINGER_SDK_LOG_CONFIG)', () => {
  test('--discover: catalog on stdout, structured lines on stderr', async () => {
    const config = files.write('discover.json', validConfig);
    for (const args of [
      ['--log-format', 'json', '--discover', '--config', config],
      ['--discover', '--config', config],
    ]) {
      // SINGER_SDK_LOG_CONFIG alone (as Meltano sets it) selects the structured format too.
      const run = await runCli(args, { env: meltanoEnv() });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toHaveProperty('streams');
      const lines = structuredLines(run.stderr);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.some((l) => l.level === 'warning' && String(l.message).includes('colour'))).toBe(true);
      expect(run.stderr).not.toContain('secret-token-xyz');
    }
  });

  test('a sync (--demo): every stderr line structured; METRIC lines carry metric_info', async () => {
    const run = await runCli(['--demo', '--log-format', 'json'], { env: meltanoEnv(), timeoutMs: 120_000 });
    expect(run.code).toBe(0);
    const lines = structuredLines(run.stderr);
    const metrics = lines.filter((l) => l.message === 'METRIC');
    expect(metrics.length).toBeGreaterThan(0);
    for (const m of metrics)
      expect(m.metric_info).toMatchObject({
        type: expect.stringMatching(/^(counter|timer)$/),
        metric: expect.any(String),
        value: expect.any(Number),
      });
    // Requests are tallied (a counter and a timer per stream, endpoint and status), not a line each.
    const infos = metrics.map((m) => m.metric_info as { type: string; metric: string; value: number; tags: Record<string, unknown> });
    const counts = infos.filter((m) => m.metric === 'http_request_count');
    const timers = infos.filter((m) => m.metric === 'http_request_duration');
    expect(counts.length).toBeGreaterThan(0);
    expect(timers.length).toBe(counts.length);
    for (const t of timers) {
      expect(t).toMatchObject({
        type: 'timer',
        tags: { stream: expect.any(String), endpoint: expect.any(String), count: expect.any(Number) },
      });
      expect(t.tags.min as number).toBeLessThanOrEqual(t.tags.max as number);
    }
    const recordCounts = metrics.filter((m) => (m.metric_info as { metric: string }).metric === 'record_count');
    expect(recordCounts.map((m) => (m.metric_info as { tags: { stream: string } }).tags.stream).sort()).toEqual(
      STREAMS.filter((st) => st.isSelectedByDefault)
        .map((st) => st.name)
        .sort(),
    );
  });

  test('a failing run (bad config): exit 2 with the problems on stderr', async () => {
    const config = files.write('bad.json', { store_hash: 'abc123' });
    const run = await runCli(['--log-format', 'json', '--config', config], { env: meltanoEnv() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('access_token');
  });

  test('a failing run (bad config): every stderr line is a structured log line', async () => {
    const config = files.write('bad2.json', { store_hash: 'abc123' });
    const run = await runCli(['--log-format', 'json', '--config', config], { env: meltanoEnv() });
    const lines = structuredLines(run.stderr);
    expect(lines.some((l) => l.level === 'error' && String(l.message).includes('access_token'))).toBe(true);
    expect(run.code).toBe(2);
  });
});
