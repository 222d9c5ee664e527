// After `tsc`: make every `bin` entry of package.json executable (tsc writes files 0644). Meltano's
// `executable:` may point straight at dist/src/cli.js in a clone, and `npm pack` keeps the mode in the tarball.
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { bin } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const targets = typeof bin === 'string' ? [bin] : Object.values(bin ?? {});
for (const target of targets) {
  const path = join(root, target);
  // Owner, group and others may execute what they may read (0644 -> 0755).
  const mode = statSync(path).mode & 0o777;
  chmodSync(path, mode | ((mode & 0o444) >> 2));
}
