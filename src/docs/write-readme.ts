/** `npm run docs`: rewrites README.md's generated sections (stream and scope tables) from the registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { withGeneratedSections } from './readme-tables.js';

const path = join(packageRoot, 'README.md');
const before = readFileSync(path, 'utf8');
const after = withGeneratedSections(before);
if (after !== before) writeFileSync(path, after);
process.stderr.write(after === before ? 'README.md is up to date.\n' : 'README.md: generated sections rewritten.\n');
