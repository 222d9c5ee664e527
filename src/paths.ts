import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, from `src/` (vitest) and from `dist/src/` (built CLI) alike. */
function findPackageRoot(): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'tap-bigcommerce') return dir;
    } catch {
      // not here: go up
    }
    dir = join(dir, '..');
  }
  throw new Error('tap-bigcommerce: cannot find the package root (package.json)');
}

export const packageRoot = findPackageRoot();
export const schemasDir = join(packageRoot, 'schemas');

export function readPackageJson(): { name: string; version: string; description: string } {
  return JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    description: string;
  };
}
