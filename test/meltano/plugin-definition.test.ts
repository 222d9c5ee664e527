import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { aboutInfo } from '../../src/commands/about.js';
import { repoRoot } from '../airbyte/helpers.js';
import { fixturePath } from '../helpers/fixtures.js';

type AddFormats = (ajv: Ajv) => Ajv;
// ajv-formats is CommonJS: under NodeNext its default export is typed as the module object.
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

interface Setting {
  name: string;
  label?: string;
  kind?: string;
  description?: string;
  value?: unknown;
  sensitive?: boolean;
  options?: Array<{ label: string; value: string }>;
}

interface PluginDefinition {
  name: string;
  namespace: string;
  executable?: string;
  capabilities: string[];
  settings: Setting[];
  settings_group_validation: string[][];
}

/** meltano-plugin.yml is JSON-compatible YAML (YAML is a superset of JSON): no YAML parser needed. */
function readDefinition(): PluginDefinition {
  const text = readFileSync(join(repoRoot, 'meltano-plugin.yml'), 'utf8');
  try {
    return JSON.parse(text) as PluginDefinition;
  } catch (error) {
    throw new Error(
      `meltano-plugin.yml must stay JSON-compatible YAML (a JSON object) so it is checked without a YAML parser: ${(error as Error).message}`,
    );
  }
}

type SchemaProperty = { type?: string; format?: string; enum?: string[]; default?: unknown; secret?: boolean; title?: string };

describe('meltano-plugin.yml (Hub extractor definition)', () => {
  const definition = readDefinition();
  const about = aboutInfo();
  const properties = about.settings.properties as Record<string, SchemaProperty>;
  const required = about.settings.required as string[];

  test('validates against the Hub extractors schema', () => {
    const schemasDir = fixturePath('meltano', 'schemas');
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    // The Hub's `$id`s are relative ("extractors.schema.json", "common/common.schema.json") and its `$ref`s
    // relative to the files' places ("../common/..."): give every schema its file URL as `$id` so they resolve.
    for (const dir of ['common', 'plugin_definitions']) {
      for (const file of readdirSync(join(schemasDir, dir))) {
        if (!file.endsWith('.json')) continue;
        const schema = JSON.parse(readFileSync(join(schemasDir, dir, file), 'utf8')) as Record<string, unknown>;
        ajv.addSchema({ ...schema, $id: pathToFileURL(join(schemasDir, dir, file)).href });
      }
    }
    const validate = ajv.getSchema(pathToFileURL(join(schemasDir, 'plugin_definitions/extractors.schema.json')).href);
    if (!validate) throw new Error('extractors.schema.json did not load');
    expect(validate(definition), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The validator is live: unknown keys, bad kinds and a missing quality are rejected.
    expect(validate({ ...definition, pip_urls: 'x' })).toBe(false);
    expect(validate({ ...definition, settings: [{ name: 'x', kind: 'secret' }] })).toBe(false);
    const { quality: _quality, ...withoutQuality } = definition as PluginDefinition & { quality?: string };
    expect(validate(withoutQuality)).toBe(false);
  });

  test('names the tap as --about does', () => {
    expect(definition.name).toBe(about.name);
    expect(definition.namespace).toBe(about.name.replace(/-/g, '_'));
    expect(definition.executable).toBe(about.name);
  });

  test('capabilities are exactly --about capabilities', () => {
    expect(definition.capabilities).toEqual(about.capabilities);
  });

  test('one setting per config property, same order, labels, defaults and secrets', () => {
    expect(definition.settings.map((s) => s.name)).toEqual(Object.keys(properties));
    for (const setting of definition.settings) {
      const property = properties[setting.name]!;
      expect(setting.label, setting.name).toBe(property.title);
      expect(setting.value, setting.name).toEqual(property.default);
      expect(setting.sensitive === true, `${setting.name} sensitive`).toBe(property.secret === true);
    }
  });

  test('each kind matches the schema type', () => {
    for (const setting of definition.settings) {
      const p = properties[setting.name]!;
      const expected = p.enum
        ? 'options'
        : p.format === 'date-time'
          ? 'date_iso8601'
          : p.type === 'integer'
            ? 'integer'
            : p.type === 'number'
              ? 'decimal'
              : p.type === 'boolean'
                ? 'boolean'
                : p.type === 'array' || p.type === 'object'
                  ? p.type
                  : 'string';
      expect(setting.kind, setting.name).toBe(expected);
      if (p.enum)
        expect(
          setting.options?.map((o) => o.value),
          setting.name,
        ).toEqual(p.enum);
      else expect(setting.options, setting.name).toBeUndefined();
    }
  });

  test('settings_group_validation is the required settings', () => {
    expect(definition.settings_group_validation).toEqual([required]);
    expect(required).toEqual(['store_hash', 'access_token', 'start_date']);
  });
});
