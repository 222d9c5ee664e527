/**
 * Everything the image test starts, in one place: Docker (installed if missing), a private daemon, a base
 * image from this machine's Node.js, the connector image built by scripts/build-image.sh (as
 * `npm run image:build` does), and the sandbox store. `close()` stops each process by its id and removes
 * every directory it made.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLocalBaseImage } from './base-image.js';
import { ensureDockerInstalled, type PrivateDocker, startPrivateDocker, unmountUnder } from './docker-daemon.js';
import { type ProcessRun, runProcess, tail } from './processes.js';
import { type SandboxProcess, startSandboxProcess } from './sandbox-process.js';

const BASE_IMAGE = 'tap-bigcommerce-image-test/node-base:local';
const BUILD_TIMEOUT_MS = 600_000;
const RUN_TIMEOUT_MS = 300_000;
/** Where the connector finds its mounted files: Airbyte's /airbyte directory. */
const MOUNT_DIR = '/airbyte';

export const SANDBOX_CREDENTIALS = { storeHash: 'imagetest1', accessToken: 'image-test-token' };

export interface ConnectorRunOptions {
  /** Files mounted read-only as /airbyte/<name> (from `session.writeFile`). */
  files?: string[];
  /** `host` reaches the sandbox on 127.0.0.1; `none` has no network at all. */
  network: 'host' | 'none';
  /** Replaces the image's entrypoint (e.g. `sh` or `node`); the image's user and read-only root stay. */
  entrypoint?: string;
}

export interface ImageSession {
  /** `repository:tag` of the connector image. */
  image: string;
  docker: PrivateDocker;
  sandbox: SandboxProcess;
  /** Absolute path of a mounted file inside the container. */
  containerPath(name: string): string;
  /** Writes a JSON file the container's uid can read; returns its name for `files`. */
  writeFile(name: string, value: unknown): string;
  /** Host path of a file written by `writeFile`. */
  hostPath(name: string): string;
  /** `docker run` of the image: `--read-only`, no capabilities, no privilege escalation, its own user. */
  runConnector(args: string[], options: ConnectorRunOptions): Promise<ProcessRun>;
  /** The same CLI on the host, outside Docker: `node dist/src/cli.js ARGS`. */
  runHost(args: string[]): Promise<ProcessRun>;
  close(): Promise<void>;
}

function log(line: string): void {
  process.stderr.write(`image test: ${line}\n`);
}

async function buildConnectorImage(repoRoot: string, docker: PrivateDocker): Promise<string> {
  const build = await runProcess('bash', ['scripts/build-image.sh'], {
    cwd: repoRoot,
    env: { ...docker.env, BASE_IMAGE },
    timeoutMs: BUILD_TIMEOUT_MS,
  });
  const match = /built (\S+) \(base/.exec(build.stderr);
  if (build.code !== 0 || !match?.[1]) throw new Error(`scripts/build-image.sh failed (exit ${build.code}):\n${tail(build.stderr, 15)}`);
  return match[1];
}

/** Starts everything the image checks need; on any failure, stops what it started and rethrows. */
export async function openImageSession(repoRoot: string): Promise<ImageSession> {
  const workDir = mkdtempSync(join(tmpdir(), 'tap-bigcommerce-image-'));
  const filesDir = join(workDir, 'files');
  mkdirSync(filesDir);
  let docker: PrivateDocker | undefined;
  let sandbox: SandboxProcess | undefined;
  const close = async () => {
    const problems: string[] = [];
    const attempt = async (what: string, step: () => Promise<void> | void) => {
      try {
        await step();
      } catch (error) {
        problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    await attempt(`stopping the sandbox (pid ${sandbox?.pid})`, () => sandbox?.stop());
    await attempt(`stopping dockerd (pid ${docker?.pid})`, () => docker?.stop());
    await attempt('unmounting', () => unmountUnder(workDir));
    await attempt(`removing ${workDir}`, () => rmSync(workDir, { recursive: true, force: true }));
    await attempt('removing .image-build', () => rmSync(join(repoRoot, '.image-build'), { recursive: true, force: true }));
    if (problems.length > 0) throw new Error(`Cleaning up the image test failed: ${problems.join('; ')}`);
    log(`stopped dockerd and the sandbox, removed ${workDir}`);
  };
  try {
    try {
      await ensureDockerInstalled(log);
      docker = await startPrivateDocker(join(workDir, 'docker'));
    } catch (error) {
      // The machine can't run Docker at all: say so where .ci/run looks, apart from failures of the image itself.
      const reason = error instanceof Error ? error.message : String(error);
      writeFileSync(join(repoRoot, '.ci', 'image-unavailable.txt'), `${reason}\n`);
      throw error;
    }
    log(`dockerd started (pid ${docker.pid})`);
    await buildLocalBaseImage(docker, join(workDir, 'base'), BASE_IMAGE);
    const image = await buildConnectorImage(repoRoot, docker);
    log(`built ${image} on ${BASE_IMAGE}`);
    sandbox = await startSandboxProcess(repoRoot, SANDBOX_CREDENTIALS);
    log(`sandbox at ${sandbox.url} (pid ${sandbox.pid})`);
    return sessionApi({ repoRoot, image, docker, sandbox, filesDir, close });
  } catch (error) {
    await close().catch((cleanupError: Error) => log(cleanupError.message));
    throw error;
  }
}

function sessionApi(parts: {
  repoRoot: string;
  image: string;
  docker: PrivateDocker;
  sandbox: SandboxProcess;
  filesDir: string;
  close: () => Promise<void>;
}): ImageSession {
  const { repoRoot, image, docker, sandbox, filesDir } = parts;
  const hostPath = (name: string) => join(filesDir, name);
  const containerPath = (name: string) => `${MOUNT_DIR}/${name}`;
  return {
    image,
    docker,
    sandbox,
    containerPath,
    hostPath,
    writeFile(name, value) {
      writeFileSync(hostPath(name), JSON.stringify(value));
      // The container runs as uid 1000: the mounted file must be readable by it.
      chmodSync(hostPath(name), 0o644);
      return name;
    },
    runConnector(args, options) {
      const mounts = (options.files ?? []).flatMap((name) => ['--volume', `${hostPath(name)}:${containerPath(name)}:ro`]);
      const entrypoint = options.entrypoint ? ['--entrypoint', options.entrypoint] : [];
      const hardening = ['--read-only', '--cap-drop=ALL', '--security-opt=no-new-privileges'];
      const runArgs = ['run', '--rm', ...hardening, `--network=${options.network}`, ...mounts, ...entrypoint, image, ...args];
      return docker.docker(runArgs, RUN_TIMEOUT_MS);
    },
    runHost(args) {
      return runProcess(process.execPath, [join(repoRoot, 'dist/src/cli.js'), ...args], { env: hostEnv(), timeoutMs: RUN_TIMEOUT_MS });
    },
    close: parts.close,
  };
}

/** The environment without settings that change the tap's behaviour (log settings, TAP_BIGCOMMERCE_*). */
function hostEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('TAP_BIGCOMMERCE_') && !['LOG_LEVEL', 'LOGLEVEL', 'SINGER_SDK_LOG_CONFIG'].includes(key),
    ),
  );
}

/** The package version (package.json), which the image's io.airbyte.version label must carry. */
export function readPackageVersion(repoRoot: string): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
