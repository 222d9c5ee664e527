import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../sandbox/index.js';
import { STREAM_NAMES, STREAMS } from '../../src/streams/index.js';
import { parseMessages, repoRoot, runCli, tempFiles } from './helpers.js';

/** The first request `check` makes: the first stream's list. */
const FIRST_ENDPOINT = `GET /${STREAMS[0]!.api}${STREAMS[0]!.path}`;

let sandbox: SandboxHandle;
const files = tempFiles();

beforeAll(async () => {
  sandbox = await startSandbox({ sizes: { coupons: 3, customers: 3, orders: 3, products: 3 }, quota: null });
});
afterAll(async () => {
  await sandbox.close();
  files.cleanup();
});

/** Validates against a definition of the vendored Airbyte protocol schema (test/fixtures/airbyte). */
function protocolValidator(definition: string) {
  const protocol = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/airbyte/airbyte_protocol.json'), 'utf8')) as { $id: string };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(protocol);
  return ajv.compile({ $ref: `${protocol.$id}#/definitions/${definition}` });
}

describe('airbyte configured-catalog', () => {
  test('prints a ConfiguredAirbyteCatalog (valid against the protocol) that read accepts as it is', async () => {
    const run = await runCli(['airbyte', 'configured-catalog', '--config', files.write('c.json', sandbox.config())]);
    expect(run.code).toBe(0);
    const catalog = JSON.parse(run.stdout) as { streams: Array<Record<string, any>> };
    const validate = protocolValidator('ConfiguredAirbyteCatalog');
    expect(validate(catalog), JSON.stringify(validate.errors)).toBe(true);
    expect(catalog.streams.map((s) => s.stream.name)).toEqual([...STREAM_NAMES]);
    const orders = catalog.streams.find((s) => s.stream.name === 'orders')!;
    expect({ ...orders, stream: orders.stream.name }).toEqual({
      stream: 'orders',
      sync_mode: 'incremental',
      destination_sync_mode: 'append_dedup',
      cursor_field: ['date_modified'],
      primary_key: [['id']],
    });
    // Coupons support full_refresh only.
    const coupons = catalog.streams.find((s) => s.stream.name === 'coupons')!;
    expect([coupons.sync_mode, coupons.destination_sync_mode, coupons.cursor_field]).toEqual(['full_refresh', 'overwrite', undefined]);

    const read = await runCli([
      'airbyte',
      'read',
      '--config',
      files.write('c.json', sandbox.config()),
      '--catalog',
      files.write('cat.json', run.stdout),
    ]);
    expect(read.code).toBe(0);
    const records = parseMessages(read).filter((m) => m.type === 'RECORD');
    // Every stream the store holds records of (a small store may have no order coupons).
    expect(new Set(records.map((m) => m.record!.stream))).toEqual(new Set(STREAM_NAMES.filter((s) => sandbox.snapshot(s).length > 0)));
  });

  test('--sync-mode full_refresh, --destination-sync-mode and --streams choose what it holds', async () => {
    const run = await runCli([
      'airbyte',
      'configured-catalog',
      '--sync-mode',
      'full_refresh',
      '--destination-sync-mode',
      'append',
      '--streams',
      'products,customers',
    ]);
    expect(run.code).toBe(0);
    const catalog = JSON.parse(run.stdout) as { streams: Array<Record<string, any>> };
    expect(catalog.streams.map((s) => [s.stream.name, s.sync_mode, s.destination_sync_mode, s.cursor_field])).toEqual([
      ['products', 'full_refresh', 'append', undefined],
      ['customers', 'full_refresh', 'append', undefined],
    ]);
  });

  test('an unknown stream is a config error (exit 2) with a did-you-mean', async () => {
    const run = await runCli(['airbyte', 'configured-catalog', '--streams', 'ordrs']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`ERROR Unknown stream "ordrs" (did you mean "orders"?); this source offers ${STREAM_NAMES.join(', ')}.`);
  });
});

describe('airbyte check with a bad token', () => {
  test('says the 401 sentence once, not once per stream', async () => {
    const run = await runCli([
      'airbyte',
      'check',
      '--config',
      files.write('bad.json', { ...sandbox.config(), access_token: 'wrong-token-123' }),
    ]);
    expect(run.code).toBe(0);
    const [message] = parseMessages(run);
    expect(message!.connectionStatus).toEqual({
      status: 'FAILED',
      message: `${FIRST_ENDPOINT} returned 401 Unauthorized: the access token is invalid or revoked. Create a new store-level API account token and set access_token.`,
    });
  });
});
