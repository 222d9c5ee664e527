import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { discoverCatalog } from '../../src/singer/catalog.js';
import { CLI, lastStateOf, recordsOf, runCli, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';

const exec = promisify(execFile);
const start = useSandbox({ coupons: 4, customers: 6, orders: 3, products: 3 });

/** The discovered catalog with only `streams` selected. */
function catalogOf(streams: string[]) {
  const catalog = discoverCatalog();
  for (const entry of catalog.streams) {
    entry.metadata[0]!.metadata.selected = streams.includes(entry.stream);
  }
  return tempJson('catalog.json', catalog);
}

const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('ERROR'));

describe("singer-python's short flags", () => {
  it('-c CONFIG -d discovers; -c -p -s sync with a catalog and a state', async () => {
    const { config } = await start();
    const discovered = await runCli(['-c', config, '-d']);
    expect(discovered.code).toBe(0);
    expect(discovered.messages[0]!.streams.map((s: { stream: string }) => s.stream)).toEqual(
      discoverCatalog().streams.map((s) => s.stream),
    );

    const catalog = catalogOf(['coupons', 'customers']);
    const first = await runCli(['-c', config, '-p', catalog]);
    expect(first.code).toBe(0);
    expect([...new Set(first.messages.filter((m) => m.type === 'RECORD').map((m) => m.stream))]).toEqual(['coupons', 'customers']);
    expect(recordsOf(first.messages, 'customers')).toHaveLength(6);

    const bookmark = lastStateOf(first.messages).bookmarks.customers.replication_key_value as string;
    const second = await runCli(['-c', config, '-p', catalog, '-s', tempJson('state.json', lastStateOf(first.messages))]);
    expect(second.code).toBe(0);
    expect(recordsOf(second.messages, 'customers')).toEqual([]);
    // An incremental run with nothing new says so, instead of "0 records of ~1 (0%)".
    expect(second.stderr).toContain(`INFO customers: no changes since ${bookmark} (bookmark kept)`);
  });
});

describe('bad input is a usage error (exit 2) with a "did you mean"', () => {
  it.each([
    [['--catlog', 'catalog.json'], 'ERROR Unknown argument: --catlog (did you mean --catalog?). Run tap-bigcommerce --help for usage.'],
    [['--config'], 'ERROR --config needs a file path (did you mean --config config.json?). Run tap-bigcommerce --help for usage.'],
    [
      ['-c', 'c.json', '--state'],
      'ERROR --state needs a file path (did you mean --state state.json?); leave --state out for a full sync. Run tap-bigcommerce --help for usage.',
    ],
    [
      ['--state', '--config', 'c.json'],
      'ERROR --state needs a file path (did you mean --state state.json?); leave --state out for a full sync. Run tap-bigcommerce --help for usage.',
    ],
    [
      ['--config', 'c.json', '--discover', '--test'],
      'ERROR --discover and --test do different things and run one at a time (did you mean --discover > catalog.json, then --test?). Run tap-bigcommerce --help for usage.',
    ],
    [['sandbx'], 'ERROR Unknown argument: "sandbx" (did you mean tap-bigcommerce sandbox?). Run tap-bigcommerce --help for usage.'],
    [
      ['--log-levl', 'debug', '--demo'],
      'ERROR Unknown argument: --log-levl (did you mean --log-level?). Run tap-bigcommerce --help for usage.',
    ],
  ])('%j', async (args, line) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(errorLines(run.stderr)).toEqual([line]);
  });
});

describe('input the tap cannot use is named in a warning, never silently ignored', () => {
  it("another tool's state, a misspelt deselected field and an unknown config key each get a warning", async () => {
    const { config, sandbox } = await start({}, { page_sise: 2 });
    const catalog = discoverCatalog();
    const orders = catalog.streams.find((s) => s.stream === 'orders')!;
    orders.metadata.push({ breadcrumb: ['properties', 'shiping_addresses'], metadata: { selected: false } });
    catalog.streams = [orders];
    const state = tempJson('state.json', { bookmarks: { orders: { updated_at: '2024-05-01T10:00:00Z' } } });
    const run = await runCli(['--config', config, '--catalog', tempJson('catalog.json', catalog), '--state', state]);
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((l) => l.startsWith('WARN') && !l.startsWith('WARN orders:'));
    expect(warnings).toEqual([
      'WARN Unknown config key "page_sise" is ignored (did you mean "page_size"?).',
      `WARN The state file ${state} bookmark for "orders" has "updated_at", which this tap doesn't read, so "orders" syncs from start_date: it expects {"replication_key": "date_modified", "replication_key_value": "2024-05-01T10:00:00Z"}.`,
      'WARN The catalog deselects "shiping_addresses" in stream "orders", which has no such field (did you mean "shipping_addresses"?): nothing is deselected; fix the catalog\'s breadcrumb.',
    ]);
    expect(recordsOf(run.messages, 'orders')).toHaveLength(sandbox.snapshot('orders').length);
  });
});

describe('--help', () => {
  it('keeps every usage line whole (no wrap mid-sentence), at 80 columns too', async () => {
    const usage = [
      'tap-bigcommerce --config CONFIG [--state STATE] [--catalog CATALOG]',
      'tap-bigcommerce --demo         sync the built-in sandbox store',
      'tap-bigcommerce airbyte spec|check|discover|read|configured-catalog ...',
    ];
    const plain = await runCli(['--help'], { isRawOutput: true });
    // On an 80-column terminal (script(1) gives the tap a pseudo-terminal of that size).
    const { stdout: terminal } = await exec('script', ['-qec', `stty cols 80 rows 40; ${process.execPath} ${CLI} --help`, '/dev/null']);
    for (const output of [plain.stdout, terminal.replace(/\r/g, '')]) {
      const lines = output.split('\n');
      for (const line of usage) expect(lines).toContain(line);
      expect(output).toContain('-c, --config');
      expect(output).toContain('-p, --catalog, --properties');
    }
    expect(
      Math.max(
        ...terminal
          .replace(/\r/g, '')
          .split('\n')
          .map((l) => l.length),
      ),
    ).toBeLessThanOrEqual(80);
  });
});
