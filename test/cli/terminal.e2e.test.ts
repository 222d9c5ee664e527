import { describe, expect, it } from 'vitest';
import { discoverCatalog } from '../../src/singer/catalog.js';
import { lastStateOf, recordsOf, runCli, tempJson } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox-session.js';
import { renderScreen } from '../helpers/screen.js';
import { runInTerminal } from '../helpers/terminal.js';

const start = useSandbox({ coupons: 2, customers: 2, orders: 2, products: 30 });

/** Products only, 2 per page under a quota of 10 requests a second: a sync that runs for several seconds. */
async function slowProducts() {
  const { config, sandbox } = await start({ quota: { requests: 10, windowMs: 1000 } }, { page_size: 2 });
  const catalog = discoverCatalog();
  catalog.streams = catalog.streams.filter((s) => s.stream === 'products');
  return { config, sandbox, catalog: tempJson('catalog.json', catalog) };
}

/** Wide enough for the summary lines not to wrap. */
const COLS = 160;
/** A drawn bar with its figures. */
const BAR = /products [█░]{24} \d+( of ~\d+)? records( \(\d+%\))?, \d+ requests, \d+ records\/s/;
const hasBarCharacters = (line: string) => /[█░]/.test(line);
const parseLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, any>);

describe('on a terminal (a pseudo-terminal from script(1))', () => {
  it('draws a progress bar per running stream and leaves a clean screen: log lines, the final figures, the summary', async () => {
    const { config, catalog } = await slowProducts();
    const run = await runInTerminal(['--config', config, '--catalog', catalog], { cols: COLS });
    expect(run.code).toBe(0);
    expect(run.output).toMatch(BAR);
    const screen = await renderScreen(run.output, COLS);
    expect(screen.filter(hasBarCharacters)).toEqual([]);
    expect(screen.filter((l) => l.startsWith('INFO products:')).at(-1)).toMatch(
      /^INFO products: 30 records in [\d.]+s \(\d+ records\/s\), \d+ requests, bookmark \S+Z$/,
    );
    expect(screen.filter((l) => /^INFO {3}products: complete/.test(l))).toEqual([
      expect.stringMatching(/^INFO {3}products: complete, 30 records, \d+ requests/),
    ]);
    expect(screen.at(-1)).toMatch(/^INFO {5}products: store holds 30, warehouse should hold 30, 0 tombstones$/);
    expect(recordsOf(parseLines(run.stdout), 'products')).toHaveLength(30);
  });

  it('Ctrl-C: the last safe STATE, one line, a clean terminal, exit 130; a run from that STATE completes the data', async () => {
    const { config, catalog, sandbox } = await slowProducts();
    let isTyped = false;
    const run = await runInTerminal(['--config', config, '--catalog', catalog], {
      cols: COLS,
      onOutput: (output, type) => {
        if (isTyped || !BAR.test(output)) return;
        isTyped = true;
        type('\x03');
      },
    });
    expect(run.code).toBe(130);
    const messages = parseLines(run.stdout);
    expect(messages.at(-1)!.type).toBe('STATE');
    const screen = await renderScreen(run.output, COLS);
    expect(screen.filter(hasBarCharacters)).toEqual([]);
    expect(screen.filter((l) => /stop/i.test(l))).toEqual(['WARN Stopped on SIGINT after writing the last safe STATE.']);
    expect(recordsOf(messages, 'products').length).toBeLessThan(30);

    const resumed = await runCli(['--config', config, '--catalog', catalog, '--state', tempJson('state.json', lastStateOf(messages))]);
    expect(resumed.code).toBe(0);
    const ids = new Set([...recordsOf(messages, 'products'), ...recordsOf(resumed.messages, 'products')].map((r) => r.id));
    expect(sandbox.snapshot('products').filter((r) => !ids.has(r.id))).toEqual([]);
  });
});
