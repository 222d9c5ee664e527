/**
 * A local base image made from this machine's own Node.js, for building the connector image with no registry:
 * the node binary at /usr/local/bin/node (where node:20-slim has it), the shared libraries `ldd` lists, /bin/sh
 * (Airbyte on Kubernetes starts connectors through `sh -c 'eval "$AIRBYTE_ENTRYPOINT …"'`), and an /etc/passwd
 * naming uid 1000 like node:20-slim does. Nothing else: no npm, no package manager, no coreutils.
 */
import { copyFileSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PrivateDocker } from './docker-daemon.js';
import { runProcess, tail } from './processes.js';

/** The absolute paths `ldd` lists for a binary (none for a static one). */
async function sharedLibraries(binary: string): Promise<string[]> {
  const run = await runProcess('ldd', [binary]);
  if (run.code !== 0) {
    if (/not a dynamic executable/.test(run.stdout + run.stderr)) return [];
    throw new Error(`ldd ${binary} failed (exit ${run.code}): ${tail(run.stderr)}`);
  }
  // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)" and "/lib64/ld-linux-x86-64.so.2 (0x…)"; not linux-vdso.
  return [...run.stdout.matchAll(/(?:=>\s+|^\s*)(\/\S+)\s+\(0x/gm)].map((match) => match[1]!);
}

function copyInto(rootfs: string, source: string, target = source): void {
  mkdirSync(dirname(join(rootfs, target)), { recursive: true });
  // copyFileSync follows symlinks: the image gets the library itself under the name the loader looks for.
  copyFileSync(source, join(rootfs, target));
}

/** Builds `tag` in the private daemon from `process.execPath` and its libraries; `workDir` holds the rootfs. */
export async function buildLocalBaseImage(docker: PrivateDocker, workDir: string, tag: string): Promise<void> {
  const rootfs = join(workDir, 'rootfs');
  const node = realpathSync(process.execPath);
  const shell = realpathSync('/bin/sh');
  copyInto(rootfs, node, '/usr/local/bin/node');
  copyInto(rootfs, shell, '/bin/sh');
  const libraries = new Set([...(await sharedLibraries(node)), ...(await sharedLibraries(shell))]);
  for (const library of libraries) copyInto(rootfs, library);
  mkdirSync(join(rootfs, 'etc'), { recursive: true });
  writeFileSync(join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/home/node:/bin/sh\n');
  writeFileSync(join(rootfs, 'etc/group'), 'root:x:0:\nnode:x:1000:\n');
  writeFileSync(join(workDir, 'Dockerfile'), 'FROM scratch\nCOPY rootfs/ /\nENV PATH=/usr/local/bin:/usr/bin:/bin\n');
  const build = await docker.docker(['build', '--quiet', '--tag', tag, workDir], 300_000);
  if (build.code !== 0) throw new Error(`Building the local base image failed (exit ${build.code}):\n${tail(build.stderr)}`);
}
