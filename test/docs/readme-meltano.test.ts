import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STREAM_NAMES, STREAMS } from '../../src/streams/index.js';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('## Running under Meltano'),
  readme.indexOf('\n## ', readme.indexOf('## Running under Meltano') + 1),
);

describe("README's Meltano section", () => {
  it('gives the Meltano 4 command forms that were run against Meltano 4.2, in order', () => {
    const commands = [...section.matchAll(/^meltano .*$/gm)].map((m) => m[0].replace(/\s+#.*$/, ''));
    expect(commands).toEqual([
      'meltano init my-project && cd my-project',
      'meltano config set meltano venv.backend virtualenv',
      'meltano add --plugin-type extractor tap-bigcommerce --from-ref meltano-plugin.yml',
      'meltano config set tap-bigcommerce store_hash abc123',
      'meltano config set tap-bigcommerce access_token YOUR_TOKEN',
      'meltano config set tap-bigcommerce start_date 2024-01-01T00:00:00Z',
      'meltano config list tap-bigcommerce',
      'meltano invoke tap-bigcommerce --about',
      'meltano select tap-bigcommerce --list',
      'meltano add --plugin-type loader target-jsonl',
      'meltano run tap-bigcommerce target-jsonl',
    ]);
    // Meltano 1-era forms that Meltano 4 reads differently.
    expect(section).not.toMatch(/meltano config tap-bigcommerce set|^meltano add extractor /m);
  });

  it('selects only streams the tap offers in its select: example', () => {
    const selected = [...section.matchAll(/^ {8}- ([a-z_]+)\.\*$/gm)].map((m) => m[1]);
    expect(selected.length).toBeGreaterThan(0);
    for (const stream of selected) expect(STREAM_NAMES).toContain(stream);
  });

  it("excludes from Meltano's select-everything default exactly the streams a run without a catalog leaves out", () => {
    const excluded = [...section.matchAll(/^ {8}- '!([a-z_]+)\.\*'$/gm)].map((m) => m[1]);
    expect(excluded).toEqual(STREAMS.filter((s) => !s.isSelectedByDefault).map((s) => s.name));
    expect(section).toContain("        - '*.*'\n");
  });
});
