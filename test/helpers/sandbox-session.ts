import { afterEach } from 'vitest';
import { registeredStreams, type SandboxHandle, type SandboxOptions, startSandbox } from '../../sandbox/index.js';
import { tempJson } from './cli.js';

/**
 * One sandbox store per test, closed after it: `start(options, config)` returns the store and the path of a
 * matching tap config file (with `config` merged in). Unlimited quota unless the test sets one.
 */
export function useSandbox(sizes: NonNullable<SandboxOptions['sizes']>) {
  let sandbox: SandboxHandle | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });
  return async function start(options: SandboxOptions = {}, config: Record<string, unknown> = {}) {
    sandbox = await startSandbox({ sizes, quota: null, ...options });
    return { sandbox, config: tempJson('config.json', { ...sandbox.config(), ...config }) };
  };
}

/** `count` records in every collection stream of the registry (those with a size of their own), for a small store. */
export function everyCollection(count: number): Record<string, number> {
  return Object.fromEntries(
    registeredStreams().flatMap(({ spec }) =>
      // A fixed list (order statuses) has at most its own length.
      spec.kind === 'collection' ? [[spec.stream, Math.min(count, spec.fixedIds?.length ?? count)]] : [],
    ),
  );
}
