import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { goldenSandboxSync } from './sandbox-sync.js';

const GOLDEN = join(import.meta.dirname, 'sandbox-sync.ndjson');
/** `npm run golden:update` sets it: write the output instead of comparing. */
const isUpdate = process.env.GOLDEN_UPDATE === '1';

it('a small deterministic sandbox sync prints exactly test/golden/sandbox-sync.ndjson', async () => {
  const run = await goldenSandboxSync();
  expect(run.code, run.stderr.join('\n')).toBe(0);
  if (isUpdate) writeFileSync(GOLDEN, run.stdout);
  if (!existsSync(GOLDEN)) throw new Error(`${GOLDEN} is missing: run npm run golden:update and review the file before committing it.`);
  const golden = readFileSync(GOLDEN, 'utf8');
  // Line by line first (a readable diff), then byte for byte (line endings, the final newline).
  expect(run.stdout.split('\n'), 'the sync output differs from the golden file: review the change, then npm run golden:update').toEqual(
    golden.split('\n'),
  );
  expect(run.stdout).toBe(golden);
});
