import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../sandbox/index.js';
import { configSchema } from '../../src/config.js';
import { STREAMS } from '../../src/streams/index.js';
import { keyOf, parseMessages, runCli, tempFiles } from './helpers.js';

let sandbox: SandboxHandle;
const files = tempFiles();

beforeAll(async () => {
  sandbox = await startSandbox({ sizes: { coupons: 2, customers: 2, orders: 2, products: 2 } });
});
afterAll(async () => {
  await sandbox.close();
  files.cleanup();
});

describe('airbyte spec', () => {
  test('prints one SPEC whose connectionSpecification is the config schema, secrets marked', async () => {
    const run = await runCli(['airbyte', 'spec']);
    expect(run.code).toBe(0);
    const messages = parseMessages(run);
    expect(messages).toHaveLength(1);
    const spec = messages[0]!.spec!;
    expect(messages[0]!.type).toBe('SPEC');
    const schema = configSchema();
    expect(spec.connectionSpecification.required).toEqual(schema.required);
    expect(Object.keys(spec.connectionSpecification.properties)).toEqual(Object.keys(schema.properties));
    for (const [key, property] of Object.entries(spec.connectionSpecification.properties)) {
      expect(property.airbyte_secret === true, key).toBe(schema.properties[key]!.secret === true);
      expect(property.type).toEqual(schema.properties[key]!.type);
      expect(property.default).toEqual(schema.properties[key]!.default);
    }
    expect(spec.connectionSpecification.properties.access_token!.airbyte_secret).toBe(true);
    const orders = Object.values(spec.connectionSpecification.properties).map((p) => p.order);
    expect(new Set(orders).size).toBe(orders.length);
  });
});

describe('airbyte check', () => {
  test('SUCCEEDED against a readable store', async () => {
    const config = files.write('good.json', sandbox.config());
    const run = await runCli(['airbyte', 'check', '--config', config]);
    expect(run.code).toBe(0);
    const messages = parseMessages(run);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'CONNECTION_STATUS', connectionStatus: { status: 'SUCCEEDED' } });
  });

  test('FAILED (exit 0) with a bad token, naming the problem and never the token', async () => {
    const config = files.write('bad-token.json', { ...sandbox.config(), access_token: 'not-the-right-token' });
    const run = await runCli(['airbyte', 'check', '--config', config]);
    expect(run.code).toBe(0);
    const messages = parseMessages(run);
    expect(messages).toHaveLength(1);
    const status = messages[0]!.connectionStatus!;
    expect(status.status).toBe('FAILED');
    expect(status.message).toMatch(/401|token/i);
    expect(run.stdout + run.stderr).not.toContain('not-the-right-token');
  });

  test('FAILED (exit 0) with an invalid config, listing every problem', async () => {
    const config = files.write('invalid.json', { store_hash: 'abc123', page_size: 1000 });
    const run = await runCli(['airbyte', 'check', '--config', config]);
    expect(run.code).toBe(0);
    const messages = parseMessages(run);
    expect(messages).toHaveLength(1);
    const status = messages[0]!.connectionStatus!;
    expect(status.status).toBe('FAILED');
    expect(status.message).toContain('access_token');
    expect(status.message).toContain('start_date');
    expect(status.message).toContain('page_size');
  });

  test('FAILED (exit 0) when the config file is missing', async () => {
    const run = await runCli(['airbyte', 'check', '--config', `${files.dir}/nope.json`]);
    expect(run.code).toBe(0);
    expect(parseMessages(run)[0]).toMatchObject({ type: 'CONNECTION_STATUS', connectionStatus: { status: 'FAILED' } });
  });
});

describe('airbyte discover', () => {
  test('prints one CATALOG with every stream, its sync modes, cursor and primary key', async () => {
    const config = files.write('discover.json', sandbox.config());
    const run = await runCli(['airbyte', 'discover', '--config', config]);
    expect(run.code).toBe(0);
    const messages = parseMessages(run);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.type).toBe('CATALOG');
    const streams = messages[0]!.catalog!.streams;
    expect(streams.map((s) => s.name)).toEqual(STREAMS.map((s) => s.name));
    for (const stream of streams) {
      const properties = (stream.json_schema as { properties: Record<string, unknown> }).properties;
      expect(stream.source_defined_primary_key).toEqual([[keyOf(stream.name as string)]]);
      expect(properties).toHaveProperty(keyOf(stream.name as string));
      const replication = STREAMS.find((s) => s.name === stream.name)!.replication;
      if (replication.method === 'FULL_TABLE') {
        expect(stream.supported_sync_modes).toEqual(['full_refresh']);
        expect(stream.default_cursor_field).toBeUndefined();
      } else if (replication.method === 'CHILD') {
        // A child replicates with its parent's cursor: source-defined, with no field of its own.
        expect(stream.supported_sync_modes).toEqual(['full_refresh', 'incremental']);
        expect(stream.source_defined_cursor).toBe(true);
        expect(stream.default_cursor_field).toBeUndefined();
      } else {
        expect(stream.supported_sync_modes).toEqual(['full_refresh', 'incremental']);
        expect(stream.source_defined_cursor).toBe(true);
        expect(stream.default_cursor_field).toEqual([replication.replicationKey]);
        expect(properties).toHaveProperty(replication.replicationKey);
      }
    }
  });

  test('an invalid config is a config_error TRACE, exit 2', async () => {
    const config = files.write('discover-bad.json', { store_hash: 'abc123' });
    const run = await runCli(['airbyte', 'discover', '--config', config]);
    expect(run.code).toBe(2);
    const messages = parseMessages(run);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'TRACE', trace: { type: 'ERROR', error: { failure_type: 'config_error' } } });
  });
});

describe('airbyte usage', () => {
  test.each([[['airbyte']], [['airbyte', 'sync']], [['airbyte', 'read', '--config', 'x.json']], [['airbyte', 'check', '--bogus']]])(
    '%j: a TRACE ERROR, exit 2, nothing else on stdout',
    async (args) => {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      const messages = parseMessages(run);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ type: 'TRACE', trace: { type: 'ERROR' } });
      expect(run.stderr).toMatch(/usage: tap-bigcommerce airbyte/);
    },
  );
});
