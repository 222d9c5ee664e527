import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStreamSchema } from '../../src/normalize/load-schema.js';
import { findStream, STREAMS } from '../../src/streams/index.js';
import { automaticFields } from '../../src/streams/types.js';

const root = join(import.meta.dirname, '..', '..');
const NOT_STREAMS = new Set(['index.ts', 'types.ts', 'selected-stream.ts']);

describe('the stream registry', () => {
  it('lists every definition file of src/streams, each named as its stream', async () => {
    const files = readdirSync(join(root, 'src', 'streams')).filter((f) => f.endsWith('.ts') && !NOT_STREAMS.has(f));
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(STREAMS.map((s) => s.name).sort());
    for (const file of files) {
      const module = (await import(join(root, 'src', 'streams', file))) as Record<string, { name?: string }>;
      const name = file.replace(/\.ts$/, '');
      expect(
        Object.values(module).some((v) => v?.name === name),
        `src/streams/${file} exports the stream "${name}"`,
      ).toBe(true);
    }
  });

  it.each(STREAMS.map((s) => [s.name, s] as const))('%s has a schema holding its key and replication key', (name, definition) => {
    expect(existsSync(join(root, 'schemas', `${name}.json`)), `schemas/${name}.json`).toBe(true);
    const properties = Object.keys(loadStreamSchema(name).properties ?? {});
    for (const field of automaticFields(definition)) expect(properties, `schemas/${name}.json has ${field}`).toContain(field);
  });

  it('names only parents that exist and are not children themselves', () => {
    for (const s of STREAMS) {
      if (s.replication.method !== 'CHILD') continue;
      const parent = findStream(s.replication.parent);
      expect(parent, `${s.name}'s parent ${s.replication.parent}`).toBeDefined();
      expect(parent?.replication.method).not.toBe('CHILD');
    }
  });
});
