import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, readConfigSources } from '../config.js';
import type { Logger } from '../logger.js';
import { packageRoot } from '../paths.js';
import { emptyState } from '../state.js';
import type { CommandIo } from './io.js';
import { type CommonArgs, makeLogger, resolveLogFormat } from './setup.js';
import type { StopSource } from './stop.js';
import { exitCodeOf, runSyncCommand } from './sync.js';

/**
 * `--demo` (and `npm start`): starts the built-in sandbox store on a free loopback port and runs a full sync
 * of every stream against it. The sandbox's address, token and store hash override whatever the config holds
 * (`--config` files, else the package's sample-config.json), in memory only.
 */
export async function runDemo(args: CommonArgs, io: CommandIo, stop?: StopSource): Promise<number> {
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
    // Text logs are for a person: progress and the summary, not a metric line per request. Structured logs
    // (Meltano) keep their metrics.
    const demoLogger = resolveLogFormat(args, io.env) === 'text' ? quietMetrics(logger) : logger;
    return exitCodeOf(await runSyncCommand({ args, config, io, logger: demoLogger, state, ...(stop ? { stop } : {}) }));
  } finally {
    await sandbox.close();
  }
}

/** Metrics written at --log-level debug only: a line per request would bury the progress and the summary. */
function quietMetrics(logger: Logger): Logger {
  return { ...logger, metric: (point) => (logger.isLevelEnabled('debug') ? logger.metric(point) : undefined) };
}
