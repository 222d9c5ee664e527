import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const REPO = join(import.meta.dirname, '..', '..');
/** The folders the end-to-end tests run compiled, from `dist/`: the tap and the sandbox store. */
const COMPILED_DIRS = ['src', 'sandbox'];

function* typeScriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* typeScriptFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** The first source file whose compiled `dist/` file is missing or older than it, or null when `dist/` is current. */
export function findStaleOutput(repo = REPO): { source: string; output: string } | null {
  for (const dir of COMPILED_DIRS) {
    for (const source of typeScriptFiles(join(repo, dir))) {
      const output = join(repo, 'dist', relative(repo, source).replace(/\.ts$/, '.js'));
      if (!existsSync(output) || statSync(output).mtimeMs < statSync(source).mtimeMs) {
        return { source: relative(repo, source), output: relative(repo, output) };
      }
    }
  }
  return null;
}

/**
 * Vitest global setup of the end-to-end project: those tests spawn `dist/src/cli.js` (and the packaged
 * `dist/sandbox`), so a `dist/` older than its sources would test yesterday's code. `npm test` builds first;
 * a direct `vitest run` after an edit stops here with the one thing to do.
 */
export default function setup(): void {
  const stale = findStaleOutput();
  if (stale !== null) {
    throw new Error(`dist/ is older than src/ (${stale.output} is missing or older than ${stale.source}): run npm run build`);
  }
}
