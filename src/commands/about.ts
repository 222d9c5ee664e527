import { configSchema } from '../config.js';
import { readPackageJson } from '../paths.js';
import { STREAMS } from '../streams/index.js';
import { describeReplication } from '../streams/types.js';

/** Capabilities this tap really supports (Meltano reads them to decide which flags to pass). */
export const CAPABILITIES = [
  'catalog',
  'discover',
  'state',
  'about',
  'test',
  'activate-version',
  'structured-logging',
  'stream-maps',
  'schema-flattening',
] as const;

export interface AboutInfo {
  name: string;
  description: string;
  version: string;
  sdk_version: null;
  supported_python_versions: null;
  capabilities: string[];
  settings: Record<string, unknown>;
}

/** `--about --format json`: the Meltano SDK's keys; settings = the config JSON Schema, secrets marked. */
export function aboutInfo(): AboutInfo {
  const pkg = readPackageJson();
  const schema = configSchema();
  return {
    name: pkg.name,
    description: pkg.description,
    version: pkg.version,
    sdk_version: null,
    supported_python_versions: null,
    capabilities: [...CAPABILITIES],
    settings: { type: 'object', properties: schema.properties, required: schema.required },
  };
}

export function formatAbout(format: 'json' | 'markdown' | 'text'): string {
  const info = aboutInfo();
  if (format === 'json') return JSON.stringify(info, null, 2);
  const schema = configSchema();
  const rows = Object.entries(schema.properties).map(([key, p]) => ({
    key,
    required: schema.required.includes(key),
    default: p.default === undefined ? '' : JSON.stringify(p.default),
    description: String(p.description ?? '') + (p.secret ? ' (secret)' : ''),
  }));
  if (format === 'markdown') {
    return [
      `# ${info.name}`,
      '',
      info.description,
      '',
      `Version ${info.version}.`,
      '',
      '## Capabilities',
      '',
      ...info.capabilities.map((c) => `- \`${c}\``),
      '',
      '## Streams',
      '',
      '| Stream | Replication | Key | Scope |',
      '|---|---|---|---|',
      ...STREAMS.map((s) => `| ${s.name} | ${describeReplication(s)} | ${s.key.join(', ')} | ${s.scope.label} read-only |`),
      '',
      '## Settings',
      '',
      '| Setting | Required | Default | Description |',
      '|---|---|---|---|',
      ...rows.map((r) => `| \`${r.key}\` | ${r.required ? 'yes' : 'no'} | ${r.default ? `\`${r.default}\`` : ''} | ${r.description} |`),
      '',
    ].join('\n');
  }
  return [
    `${info.name} ${info.version}: ${info.description}`,
    `Capabilities: ${info.capabilities.join(', ')}`,
    `Streams: ${STREAMS.map((s) => s.name).join(', ')}`,
    'Settings:',
    ...rows.map((r) => `  ${r.key}${r.required ? ' (required)' : ''}${r.default ? ` [default ${r.default}]` : ''}: ${r.description}`),
  ].join('\n');
}
