import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config.js';
import { withGeneratedSections } from '../../src/docs/readme-tables.js';
import { STREAMS } from '../../src/streams/index.js';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('README.md', () => {
  it('has the stream and scope tables generated from the registry (run npm run docs after adding a stream)', () => {
    expect(readme).toBe(withGeneratedSections(readme));
  });

  it('has a stream-table row for every registered stream', () => {
    for (const stream of STREAMS) expect(readme, `README row for ${stream.name}`).toContain(`| ${stream.name} | `);
  });

  it('has one config-table row per key of the config schema, and none other', () => {
    const section = readme.slice(readme.indexOf('## Config'), readme.indexOf('\n## ', readme.indexOf('## Config') + 1));
    const documented = [...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(configSchema().properties).sort());
  });
});
