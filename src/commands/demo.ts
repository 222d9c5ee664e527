import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, readConfigSources } from '../config.js';
import { packageRoot } from '../paths.js';
import { emptyState } from '../state.js';
import type { CommandIo } from './io.js';
import { type CommonArgs, makeLogger } from './setup.js';
import { runSyncCommand } from './sync.js';

/**
 * `--demo` (and `npm start`): starts the built-in sandbox store on a free loopback port and runs a full sync
 * of every stream against it. The sandbox's address, token and store hash override whatever the config holds
 * (`--config` files, else the package's sample-config.json), in memory only.
 */
export async function runDemo(args: CommonArgs, io: CommandIo, stopSignal?: Promise<void>): Promise<number> {
  const { startSandbox } = await import('../../sandbox/index.js');
  // A Pro-plan-like quota compressed to one second: the demo shows pacing without waiting long.
  const sandbox = await startSandbox({ quota: { requests: 450, windowMs: 1000 } });
  try {
    const sample = join(packageRoot, 'sample-config.json');
    const base =
      args.config && args.config.length > 0
        ? readConfigSources(args.config, io.env)
        : existsSync(sample)
          ? readConfigSources([sample], io.env)
          : {};
    const { config } = parseConfig({ ...base, ...sandbox.config() });
    const state = emptyState();
    const logger = makeLogger(args, io, [config.accessToken], () => state.currentlySyncing);
    logger.info(`Demo: syncing the sandbox store at ${sandbox.url} (store ${config.storeHash}); no credentials or network needed`);
    const { stopped } = await runSyncCommand({ args, config, io, logger, state, ...(stopSignal ? { stopSignal } : {}) });
    return stopped ? 143 : 0;
  } finally {
    await sandbox.close();
  }
}
