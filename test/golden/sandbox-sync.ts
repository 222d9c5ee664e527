import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startSandbox } from '../../sandbox/index.js';
import { SANDBOX_SPECS } from '../../sandbox/streams/index.js';
import { createFakeClock } from '../../src/clock.js';
import type { CommandIo } from '../../src/commands/io.js';
import { main } from '../../src/main.js';
import { discoverCatalog } from '../../src/singer/catalog.js';

/** The one instant both the sandbox store and the tap read: data dates, `time_extracted` and versions derive from it. */
export const GOLDEN_CLOCK_START_MS = Date.UTC(2024, 5, 1, 12, 0, 0);
/** Records per sandbox stream: enough for several pages of `page_size` and for sub-resources. */
const RECORDS_PER_STREAM = 5;

export interface TapRun {
  code: number;
  stdout: string;
  stderr: string[];
}

/**
 * Runs the tap in-process like the CLI (`tap-bigcommerce --config … --catalog …`) on an injected clock.
 * The golden test's only coupling to the tap: adapt this function if the command API changes.
 */
export async function runTapInProcess(argv: string[], clock: CommandIo['clock']): Promise<TapRun> {
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
    env: {},
    clock,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/**
 * The Singer output of a small deterministic sync: a sandbox store from the default seed with a few records
 * per stream, every stream of the catalog selected, one request at a time, small pages, and one fixed clock
 * shared by the store and the tap (nothing sleeps: the store has no quota and injects no faults).
 */
export async function goldenSandboxSync(): Promise<TapRun> {
  const clock = createFakeClock(GOLDEN_CLOCK_START_MS);
  const sandbox = await startSandbox({
    sizes: Object.fromEntries(SANDBOX_SPECS.filter((spec) => spec.kind === 'collection').map((spec) => [spec.stream, RECORDS_PER_STREAM])),
    quota: null,
    clock,
  });
  const dir = mkdtempSync(join(tmpdir(), 'tap-bigcommerce-golden-'));
  try {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ ...sandbox.config(), page_size: 2, max_concurrency: 1 }));
    const catalog = discoverCatalog();
    for (const entry of catalog.streams) {
      const streamMetadata = entry.metadata.find((m) => m.breadcrumb.length === 0)!;
      streamMetadata.metadata.selected = true;
    }
    const catalogPath = join(dir, 'catalog.json');
    writeFileSync(catalogPath, JSON.stringify(catalog));
    return await runTapInProcess(['--config', config, '--catalog', catalogPath], clock);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sandbox.close();
  }
}
