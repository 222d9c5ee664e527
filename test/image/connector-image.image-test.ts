/**
 * `npm run test:image`: the Airbyte connector image, built and run in a private Docker daemon against the
 * sandbox store. Every container runs with a read-only root filesystem, no capabilities and the image's own
 * (non-root) user; config, catalog and state are mounted read-only; every line it writes on stdout must be a
 * valid AirbyteMessage (the vendored protocol schema). The Singer-side checks compare with the same CLI run
 * outside Docker, so the stream list and record counts follow the registry as it grows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  type AirbyteMessage,
  configuredCatalogFor,
  createMessageValidator,
  finalStreamStates,
  parseMessages,
  recordsByStream,
} from './airbyte-messages.js';
import { type ImageSession, openImageSession, readPackageVersion, SANDBOX_CREDENTIALS } from './image-session.js';
import type { ProcessRun } from './processes.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * "Almost nothing" on a second read: the final state's `position` covers the records of the bookmark's own
 * second, so a store that did not change gives none again; a few may come back when several records share
 * that second and the walk inside it cannot resume exactly (duplicates are allowed, losses are not).
 */
const MAX_REREAD_PER_INCREMENTAL_STREAM = 3;
const SETUP_TIMEOUT_MS = 900_000;

const validate = createMessageValidator(repoRoot);
let session: ImageSession;

beforeAll(async () => {
  session = await openImageSession(repoRoot);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await session?.close();
}, 120_000);

function sandboxConfig(accessToken = SANDBOX_CREDENTIALS.accessToken): Record<string, unknown> {
  return {
    store_hash: SANDBOX_CREDENTIALS.storeHash,
    access_token: accessToken,
    api_url: session.sandbox.url,
    start_date: '2015-01-01T00:00:00Z',
  };
}

/** Parses and validates a container's stdout, failing with its stderr when it exited otherwise than `code`. */
function messagesOf(run: ProcessRun, what: string, code = 0): AirbyteMessage[] {
  if (run.code !== code) throw new Error(`${what} exited ${run.code}, expected ${code}; stderr:\n${run.stderr.slice(-3000)}`);
  return parseMessages(run.stdout, validate, what);
}

const memo = new Map<string, Promise<unknown>>();
function once<T>(key: string, make: () => Promise<T>): Promise<T> {
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key) as Promise<T>;
}

/** `discover` in the container: its CATALOG message's streams. */
function discoverInContainer() {
  return once('discover', async () => {
    const config = session.writeFile('config.json', sandboxConfig());
    const run = await session.runConnector(['discover', '--config', session.containerPath(config)], { files: [config], network: 'host' });
    const catalogs = messagesOf(run, 'discover').filter((m) => m.type === 'CATALOG');
    expect(catalogs).toHaveLength(1);
    return catalogs[0]!.catalog!.streams;
  });
}

/** The first `read` in the container, and the same command outside Docker against the same store. */
function firstRead() {
  return once('first read', async () => {
    const catalog = session.writeFile('configured_catalog.json', configuredCatalogFor(await discoverInContainer()));
    const config = session.writeFile('config.json', sandboxConfig());
    const args = ['read', '--config', session.containerPath(config), '--catalog', session.containerPath(catalog)];
    const inContainer = messagesOf(await session.runConnector(args, { files: [config, catalog], network: 'host' }), 'read');
    const hostArgs = ['airbyte', 'read', '--config', session.hostPath(config), '--catalog', session.hostPath(catalog)];
    const onHost = messagesOf(await session.runHost(hostArgs), 'read outside Docker');
    return { inContainer, onHost, catalog };
  });
}

function inspectImage(): Promise<{ User: string; Env: string[]; Entrypoint: string[]; Labels: Record<string, string> }> {
  return once('inspect', async () => {
    const run = await session.docker.docker(['image', 'inspect', '--format', '{{json .Config}}', session.image]);
    if (run.code !== 0) throw new Error(`docker image inspect failed: ${run.stderr}`);
    return JSON.parse(run.stdout);
  });
}

describe('the Airbyte connector image', () => {
  test('carries io.airbyte.name (metadata.yaml) and io.airbyte.version (package.json), AIRBYTE_ENTRYPOINT equal to its ENTRYPOINT, and a non-root user', async () => {
    const config = await inspectImage();
    const metadata = parseYaml(readFileSync(join(repoRoot, 'metadata.yaml'), 'utf8')) as { data: { dockerRepository: string } };
    expect(config.Labels).toMatchObject({
      'io.airbyte.name': metadata.data.dockerRepository,
      'io.airbyte.version': readPackageVersion(repoRoot),
    });
    expect(session.image).toBe(`${metadata.data.dockerRepository}:${readPackageVersion(repoRoot)}`);
    expect(config.Entrypoint).toEqual(['node', '/app/dist/src/cli.js', 'airbyte']);
    expect(config.Env).toContain(`AIRBYTE_ENTRYPOINT=${config.Entrypoint.join(' ')}`);
    expect(config.User).toBe('1000:1000');
    // No secret baked in: the environment holds only PATH, NODE_ENV and AIRBYTE_ENTRYPOINT.
    expect(config.Env.map((entry) => entry.split('=')[0]).sort()).toEqual(['AIRBYTE_ENTRYPOINT', 'NODE_ENV', 'PATH']);
  });

  test('runs as uid 1000 (not root) on a read-only root filesystem, with a /airbyte directory the user owns', async () => {
    const script = [
      "const fs = require('node:fs');",
      "let write = 'written';",
      "try { fs.writeFileSync('/app/x', ''); } catch (e) { write = e.code; }",
      "console.log(process.getuid(), process.getgid(), fs.statSync('/airbyte').uid, write);",
    ].join(' ');
    const run = await session.runConnector(['-e', script], { network: 'none', entrypoint: 'node' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('1000 1000 1000 EROFS');
  });

  test('holds only the built tap (dist/src, schemas, package.json) and exactly its production dependencies', async () => {
    const script = [
      "const fs = require('node:fs');",
      "const modules = fs.readdirSync('/app/node_modules').filter((n) => !n.startsWith('.'))",
      "  .flatMap((n) => (n.startsWith('@') ? fs.readdirSync('/app/node_modules/' + n).map((m) => n + '/' + m) : [n]));",
      "console.log(JSON.stringify({ app: fs.readdirSync('/app'), dist: fs.readdirSync('/app/dist'),",
      "  schemas: fs.readdirSync('/app/schemas'), modules }));",
    ].join('\n');
    const run = await session.runConnector(['-e', script], { network: 'none', entrypoint: 'node' });
    expect(run.code, run.stderr).toBe(0);
    const listing = JSON.parse(run.stdout) as { app: string[]; dist: string[]; schemas: string[]; modules: string[] };
    expect(listing.app.sort()).toEqual(['dist', 'node_modules', 'package-lock.json', 'package.json', 'schemas']);
    expect(listing.dist).toEqual(['src']);
    expect(listing.schemas.sort()).toEqual(readdirSync(join(repoRoot, 'schemas')).sort());
    // The lockfile marks what only development needs (`dev: true`): none of it, and all the rest, is installed.
    const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const production = Object.entries(lock.packages)
      .filter(([path, entry]) => /^node_modules\/(@[^/]+\/)?[^/@]+$/.test(path) && !entry.dev)
      .map(([path]) => path.slice('node_modules/'.length));
    expect(listing.modules.sort()).toEqual(production.sort());
  });

  test('spec prints exactly one valid SPEC message, the same as the tap outside Docker', async () => {
    const run = await session.runConnector(['spec'], { network: 'none' });
    const messages = messagesOf(run, 'spec');
    expect(messages.map((m) => m.type)).toEqual(['SPEC']);
    const onHost = messagesOf(await session.runHost(['airbyte', 'spec']), 'spec outside Docker');
    expect(messages[0]!.spec).toEqual(onHost[0]!.spec);
  });

  test("AIRBYTE_ENTRYPOINT runs the connector the way Airbyte's Kubernetes launcher does: sh -c 'eval \"$AIRBYTE_ENTRYPOINT spec\"'", async () => {
    const run = await session.runConnector(['-c', 'eval "$AIRBYTE_ENTRYPOINT spec"'], { network: 'none', entrypoint: 'sh' });
    expect(messagesOf(run, 'sh -c eval spec').map((m) => m.type)).toEqual(['SPEC']);
  });

  test('check against the sandbox: one CONNECTION_STATUS SUCCEEDED, exit 0', async () => {
    const config = session.writeFile('config.json', sandboxConfig());
    const run = await session.runConnector(['check', '--config', session.containerPath(config)], { files: [config], network: 'host' });
    const statuses = messagesOf(run, 'check').filter((m) => m.type === 'CONNECTION_STATUS');
    expect(statuses.map((m) => m.connectionStatus!.status)).toEqual(['SUCCEEDED']);
  });

  test('check with a bad access token: one CONNECTION_STATUS FAILED naming the 401, exit 0, the token never printed', async () => {
    const badToken = 'not-the-sandbox-token-0123';
    const config = session.writeFile('bad-config.json', sandboxConfig(badToken));
    const run = await session.runConnector(['check', '--config', session.containerPath(config)], { files: [config], network: 'host' });
    const statuses = messagesOf(run, 'check with a bad token').filter((m) => m.type === 'CONNECTION_STATUS');
    expect(statuses.map((m) => m.connectionStatus!.status)).toEqual(['FAILED']);
    expect(statuses[0]!.connectionStatus!.message).toContain('401');
    expect(run.stdout + run.stderr).not.toContain(badToken);
  });

  test("discover lists every stream the tap's own --discover lists", async () => {
    const streams = await discoverInContainer();
    const config = session.writeFile('config.json', sandboxConfig());
    const singer = await session.runHost(['--config', session.hostPath(config), '--discover']);
    expect(singer.code, singer.stderr).toBe(0);
    const singerNames = (JSON.parse(singer.stdout) as { streams: Array<{ tap_stream_id: string }> }).streams.map((s) => s.tap_stream_id);
    expect(singerNames.length).toBeGreaterThan(0);
    expect(streams.map((s) => s.name).sort()).toEqual(singerNames.sort());
  });

  test('read, with config and catalog mounted read-only, syncs the sandbox completely: the same records as outside Docker', async () => {
    const { inContainer, onHost } = await firstRead();
    const records = recordsByStream(inContainer);
    const expected = recordsByStream(onHost);
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(Object.fromEntries(Object.entries(records).map(([s, r]) => [s, r.length]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([s, r]) => [s, r.length])),
    );
    expect(records).toEqual(expected);
    const streams = (await discoverInContainer()).map((s) => s.name).sort();
    const complete = inContainer
      .filter((m) => m.trace?.stream_status?.status === 'COMPLETE')
      .map((m) => m.trace!.stream_status!.stream_descriptor.name);
    expect(complete.sort()).toEqual(streams);
    expect(finalStreamStates(inContainer)).toHaveLength(streams.length);
  });

  test(`a second read from the final state re-reads at most ${MAX_REREAD_PER_INCREMENTAL_STREAM} records per incremental stream`, async () => {
    const { inContainer: first, catalog } = await firstRead();
    const state = session.writeFile('state.json', finalStreamStates(first));
    const config = session.writeFile('config.json', sandboxConfig());
    const args = [
      'read',
      '--config',
      session.containerPath(config),
      '--catalog',
      session.containerPath(catalog),
      '--state',
      session.containerPath(state),
    ];
    const second = messagesOf(await session.runConnector(args, { files: [config, catalog, state], network: 'host' }), 'second read');
    const firstCounts = recordsByStream(first);
    const secondCounts = recordsByStream(second);
    const streams = await discoverInContainer();
    for (const stream of streams) {
      const count = secondCounts[stream.name]?.length ?? 0;
      if (stream.supported_sync_modes.includes('incremental'))
        expect(count, `${stream.name} (incremental) re-read`).toBeLessThanOrEqual(MAX_REREAD_PER_INCREMENTAL_STREAM);
      // A full-refresh stream is read whole every time, by definition.
      else expect(count, `${stream.name} (full refresh) re-read`).toBe(firstCounts[stream.name]?.length ?? 0);
    }
  });
});
