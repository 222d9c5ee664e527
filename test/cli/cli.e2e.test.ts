import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STREAMS } from '../../src/streams/index.js';
import { REPO, runCli, tempJson } from '../helpers/cli.js';

const config = tempJson('config.json', { store_hash: 'abc123', access_token: 'tok-very-secret-1', start_date: '2024-01-01T00:00:00Z' });

describe('the CLI as a child process', () => {
  it('--discover prints one Singer catalog on stdout and nothing else', async () => {
    const run = await runCli(['--discover', '--config', join(REPO, 'sample-config.json')]);
    expect(run.code).toBe(0);
    expect(run.messages).toHaveLength(1);
    const catalog = run.messages[0]!;
    expect(catalog.streams.map((s: { stream: string }) => s.stream)).toEqual(STREAMS.map((s) => s.name));
    for (const stream of catalog.streams) {
      expect(stream.schema.type).toBe('object');
      expect(stream.schema.properties[stream.key_properties[0]]).toBeDefined();
      expect(stream.metadata[0].breadcrumb).toEqual([]);
    }
  });

  it('--about --format json prints name, version, capabilities and settings with the token marked secret', async () => {
    const run = await runCli(['--about', '--format', 'json'], { isRawOutput: true });
    expect(run.code).toBe(0);
    const about = JSON.parse(run.stdout);
    expect(Object.keys(about)).toEqual([
      'name',
      'description',
      'version',
      'sdk_version',
      'supported_python_versions',
      'capabilities',
      'settings',
    ]);
    expect(about.name).toBe('tap-bigcommerce');
    expect(about.capabilities).toEqual([
      'catalog',
      'discover',
      'state',
      'about',
      'test',
      'activate-version',
      'structured-logging',
      'stream-maps',
      'schema-flattening',
    ]);
    expect(about.settings.properties.access_token).toMatchObject({ secret: true, writeOnly: true });
    expect(about.settings.required).toEqual(['store_hash', 'access_token', 'start_date']);
    const markdown = await runCli(['--about', '--format', 'markdown'], { isRawOutput: true });
    expect(markdown.stdout).toContain('| `access_token` | yes |  | Access token');
  });

  it.each([
    [['--config', config, '--bogus'], 'ERROR Unknown argument: --bogus. Run tap-bigcommerce --help for usage.'],
    [
      [],
      'ERROR Missing --config: pass a config JSON file (see sample-config.json), or run --demo to try the tap against the built-in sandbox store.',
    ],
    [['--about', '--format', 'yaml'], 'ERROR Invalid values:'],
    [['--config', '/nonexistent/c.json'], 'ERROR Cannot read config file /nonexistent/c.json (ENOENT): check the --config path.'],
    [
      ['--config', tempJson('bad.json', { store_hash: 'x y', access_token: 'tok-very-secret-1' })],
      'ERROR Invalid config (2 problems): start_date: required but missing; store_hash: "x y" is not a store hash',
    ],
    [['--config', config, '--state', tempJson('state.json', { bookmarks: { orders: { date_modified: 'soon' } } })], 'ERROR The state file'],
    [
      ['--config', config, '--catalog', tempJson('catalog.json', { streams: [{ tap_stream_id: 'widgets', metadata: [] }] })],
      'ERROR The catalog names an unknown stream "widgets"',
    ],
  ])('exit 2 with one actionable line for %j', async (args, line) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const errors = run.stderr.split('\n').filter((l) => l.startsWith('ERROR'));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.startsWith(line)).toBe(true);
    expect(run.stderr).not.toContain('tok-very-secret-1');
  });

  it('--help and --version answer and run nothing', async () => {
    const help = await runCli(['--help'], { isRawOutput: true });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('tap-bigcommerce --config CONFIG [--state STATE] [--catalog CATALOG]\n');
    const version = await runCli(['--version'], { isRawOutput: true });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('a wrong api_url host fails with exit 1, one line, no token', async () => {
    const unreachable = tempJson('c.json', {
      store_hash: 'abc123',
      access_token: 'tok-very-secret-1',
      start_date: '2024-01-01',
      api_url: 'http://127.0.0.1:9',
      max_retries: 0,
    });
    const run = await runCli(['--config', unreachable]);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('ERROR'))).toHaveLength(1);
    expect(run.stderr).not.toContain('tok-very-secret-1');
    expect(run.messages.every((m) => ['SCHEMA', 'STATE', 'RECORD', 'ACTIVATE_VERSION'].includes(m.type))).toBe(true);
  });
});
