import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aboutInfo } from '../../src/commands/about.js';
import { STREAMS } from '../../src/streams/index.js';
import { cleanEnv, repoRoot } from '../airbyte/helpers.js';

const run = promisify(execFile);
const TIMEOUT_MS = 180_000;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

// npm's own update check and funding notices are noise (and network) here.
const env = cleanEnv({ npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' });

interface PackedFile {
  path: string;
  mode: number;
}

let packDir: string;
let installDir: string;
let packedFiles: string[];
let packedModes: Map<string, number>;
let tarball: string;

function readPackageVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** `npx --no -- tap-bigcommerce ...`: `--` keeps npm from reading the tap's flags (--about, --demo) as its own. */
function tap(args: string[]) {
  return run(npx, ['--no', '--', 'tap-bigcommerce', ...args], { cwd: installDir, env, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
}

describe('npm pack -> npm install -> run', () => {
  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'dist/src/cli.js')))
      throw new Error('dist/src/cli.js is missing: run "npm run build" (npm test does) before this test.');
    packDir = mkdtempSync(join(tmpdir(), 'tap-bigcommerce-pack-'));
    installDir = mkdtempSync(join(tmpdir(), 'tap-bigcommerce-install-'));
    // --ignore-scripts: pack what `npm run build` just built instead of compiling everything again (prepare).
    const packed = await run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
      cwd: repoRoot,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: PackedFile[] }>;
    if (!info) throw new Error(`npm pack printed no package: ${packed.stdout}`);
    packedFiles = info.files.map((f) => f.path);
    packedModes = new Map(info.files.map((f) => [f.path, f.mode]));
    tarball = join(packDir, info.filename);
    writeFileSync(
      join(installDir, 'package.json'),
      JSON.stringify({ name: 'tap-bigcommerce-pack-smoke', version: '1.0.0', private: true }),
    );
    await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(packDir, info.filename)], {
      cwd: installDir,
      env,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 150_000,
    });
  }, TIMEOUT_MS);

  afterAll(() => {
    for (const dir of [packDir, installDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the tarball holds the built CLI, schemas, sample config and meltano-plugin.yml, and no sources or tests', () => {
    for (const path of [
      'package.json',
      'dist/src/cli.js',
      'dist/src/airbyte/command.js',
      'dist/sandbox/index.js',
      'schemas/config.json',
      'schemas/orders.json',
      'sample-config.json',
      'meltano-plugin.yml',
    ]) {
      expect(packedFiles, path).toContain(path);
    }
    for (const path of packedFiles) {
      expect(path, path).not.toMatch(/^(src|test|bench|dist\/test|dist\/bench)\//);
      expect(path, path).not.toMatch(/\.ts$/);
    }
  });

  test('the build leaves dist/src/cli.js executable, and the tarball keeps the mode (Meltano runs it as `executable:`)', () => {
    expect((statSync(join(repoRoot, 'dist/src/cli.js')).mode & 0o777).toString(8)).toBe('755');
    expect(packedModes.get('dist/src/cli.js')?.toString(8)).toBe('755');
    expect(packedModes.get('dist/src/main.js')?.toString(8)).toBe('644');
  });

  test(
    'the installed dist/src/cli.js runs by its path (no `node` in front), as Meltano runs it',
    async () => {
      const cli = join(installDir, 'node_modules/tap-bigcommerce/dist/src/cli.js');
      const { stdout } = await run(cli, ['--version'], { env });
      expect(stdout.trim()).toBe(readPackageVersion());
    },
    TIMEOUT_MS,
  );

  test(
    'README: `npm install -g tap-bigcommerce-<version>.tgz` puts `tap-bigcommerce` on the PATH; `tap-bigcommerce --version`',
    async () => {
      const prefix = mkdtempSync(join(tmpdir(), 'tap-bigcommerce-global-'));
      try {
        await run(npm, ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', tarball], {
          env,
          maxBuffer: 64 * 1024 * 1024,
          timeout: 150_000,
        });
        const { stdout } = await run('tap-bigcommerce', ['--version'], { env: { ...env, PATH: `${join(prefix, 'bin')}:${env.PATH}` } });
        expect(stdout.trim()).toBe(readPackageVersion());
      } finally {
        rmSync(prefix, { recursive: true, force: true });
      }
    },
    TIMEOUT_MS,
  );

  test(
    'npx tap-bigcommerce --about --format json',
    async () => {
      const { stdout } = await tap(['--about', '--format', 'json']);
      const about = JSON.parse(stdout) as ReturnType<typeof aboutInfo>;
      expect(about.name).toBe('tap-bigcommerce');
      expect(about.capabilities).toEqual(aboutInfo().capabilities);
      expect(Object.keys(about.settings.properties as object)).toEqual(Object.keys(aboutInfo().settings.properties as object));
    },
    TIMEOUT_MS,
  );

  test(
    'npx tap-bigcommerce --demo: Singer messages for every default stream on stdout, exit 0',
    async () => {
      const { stdout } = await tap(['--demo']);
      const messages = stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((line) => JSON.parse(line) as { type: string; stream?: string });
      for (const m of messages) expect(['SCHEMA', 'RECORD', 'STATE', 'ACTIVATE_VERSION']).toContain(m.type);
      const streams = (type: string) => [...new Set(messages.filter((m) => m.type === type).map((m) => m.stream))].sort();
      const defaults = STREAMS.filter((s) => s.isSelectedByDefault)
        .map((s) => s.name)
        .sort();
      expect(streams('SCHEMA')).toEqual(defaults);
      expect(streams('RECORD')).toEqual(defaults);
      expect(messages.at(-1)!.type).toBe('STATE');
    },
    TIMEOUT_MS,
  );

  test(
    'npx tap-bigcommerce airbyte spec',
    async () => {
      const { stdout } = await tap(['airbyte', 'spec']);
      const lines = stdout.split('\n').filter((l) => l !== '');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'SPEC', spec: { connectionSpecification: { type: 'object' } } });
    },
    TIMEOUT_MS,
  );
});
