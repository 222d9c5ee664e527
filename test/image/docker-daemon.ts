/**
 * Docker for the image test, with nothing shared with the machine: Debian's docker.io is installed when
 * `dockerd` is missing, and a private daemon (its own data root, exec root, socket and pid file, no bridge,
 * no iptables) is started in a temporary directory and stopped by its process id.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasCommand, type ProcessRun, runProcess, tail } from './processes.js';

const INSTALL_TIMEOUT_MS = 300_000;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * Makes sure `dockerd` and `docker` exist: installs Debian's docker.io with apt-get when they don't (once with
 * the package lists as they are, once more after `apt-get update`). Throws one line saying why it cannot.
 */
export async function ensureDockerInstalled(log: (line: string) => void): Promise<void> {
  if ((await hasCommand('dockerd')) && (await hasCommand('docker'))) return;
  if (process.getuid?.() !== 0)
    throw new Error('Docker is not installed and installing docker.io needs root: run as root, or install docker.io first.');
  if (!(await hasCommand('apt-get')))
    throw new Error('Docker is not installed and apt-get is missing: install Docker Engine (dockerd and docker) first.');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    runProcess('apt-get', ['install', '-y', '--no-install-recommends', 'docker.io'], { env, timeoutMs: INSTALL_TIMEOUT_MS });
  log('dockerd is missing: apt-get install -y docker.io');
  let run = await install();
  if (run.code !== 0) {
    log('apt-get install failed; apt-get update, then once more');
    const update = await runProcess('apt-get', ['update'], { env, timeoutMs: INSTALL_TIMEOUT_MS });
    run = update.code === 0 ? await install() : update;
  }
  if (run.code !== 0)
    throw new Error(
      `Cannot install docker.io with apt-get (exit ${run.code}): no reachable apt repository offers it? apt-get said:\n${tail(run.stderr || run.stdout)}`,
    );
  if (!(await hasCommand('dockerd')) || !(await hasCommand('docker')))
    throw new Error('apt-get installed docker.io, but dockerd or docker is still not on PATH.');
}

/** A private Docker daemon and a `docker` CLI bound to it. */
export interface PrivateDocker {
  pid: number;
  /** The environment that binds the docker CLI to this daemon (for scripts that run `docker` themselves). */
  env: NodeJS.ProcessEnv;
  /** `docker ARGS` against this daemon only (its socket, an empty client config, the classic builder). */
  docker(args: string[], timeoutMs?: number): Promise<ProcessRun>;
  /** SIGTERM to the daemon's process id (SIGKILL after 30 s); resolves once it exited. */
  stop(): Promise<void>;
}

/** Starts `dockerd` on a socket in `root` and waits until it answers. */
export async function startPrivateDocker(root: string): Promise<PrivateDocker> {
  const socket = join(root, 'docker.sock');
  const logPath = join(root, 'dockerd.log');
  mkdirSync(join(root, 'client'), { recursive: true });
  const logFd = openSync(logPath, 'a');
  const daemon = spawn(
    'dockerd',
    [
      '--bridge=none',
      '--iptables=false',
      '--ip6tables=false',
      `--data-root=${join(root, 'data')}`,
      `--exec-root=${join(root, 'exec')}`,
      `--pidfile=${join(root, 'dockerd.pid')}`,
      `--host=unix://${socket}`,
    ],
    { stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  const exited = new Promise<number | null>((resolve) => daemon.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DOCKER_HOST: `unix://${socket}`,
    // An empty client config: no credential helpers, no contexts, nothing of the machine's Docker setup.
    DOCKER_CONFIG: join(root, 'client'),
    // The classic builder: it needs no buildx plugin and never contacts a registry for a local base image.
    DOCKER_BUILDKIT: '0',
  };
  const docker = (args: string[], timeoutMs?: number) => runProcess('docker', args, { env, ...(timeoutMs ? { timeoutMs } : {}) });
  const stop = () => stopDaemon(daemon, exited);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (hasExited) throw new Error(`dockerd exited before it was ready; its log:\n${tail(readFileSync(logPath, 'utf8'), 12)}`);
    const version = await docker(['version', '--format', '{{.Server.Version}}'], 10_000);
    if (version.code === 0) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `dockerd did not answer on ${socket} within ${READY_TIMEOUT_MS} ms; its log:\n${tail(readFileSync(logPath, 'utf8'), 12)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { pid: daemon.pid ?? -1, env, docker, stop };
}

async function stopDaemon(daemon: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (daemon.exitCode !== null || daemon.signalCode !== null) return;
  daemon.kill('SIGTERM');
  const timer = setTimeout(() => daemon.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Unmounts whatever the daemon left mounted under `root` (deepest first), so the directory can be removed. */
export async function unmountUnder(root: string): Promise<void> {
  const mountPoints = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((mountPoint) => mountPoint === root || mountPoint.startsWith(`${root}/`))
    .sort((a, b) => b.length - a.length);
  for (const mountPoint of mountPoints) await runProcess('umount', ['-l', mountPoint]);
}
