import type { TapConfig } from '../config.js';
import type { ApiClient } from '../http/types.js';
import type { Logger } from '../logger.js';
import type { SelectedStream } from '../streams/selected-stream.js';

export interface StreamCheck {
  stream: string;
  endpoint: string;
  isOk: boolean;
  message: string;
}

/** One cheap request (limit 1) per selected stream. */
export async function checkStreams(client: ApiClient, streams: SelectedStream[]): Promise<StreamCheck[]> {
  const checks: StreamCheck[] = [];
  for (const { definition } of streams) {
    const endpoint = `GET /${definition.apiVersion}${definition.path}`;
    try {
      await client.get({ apiVersion: definition.apiVersion, path: definition.path, query: definition.probeQuery, stream: definition.name });
      checks.push({ stream: definition.name, endpoint, isOk: true, message: 'OK' });
    } catch (error) {
      checks.push({ stream: definition.name, endpoint, isOk: false, message: (error as Error).message });
    }
  }
  return checks;
}

/** The `--test` table, for stderr. */
export function formatChecks(checks: StreamCheck[]): string[] {
  const width = Math.max(6, ...checks.map((c) => c.stream.length));
  const endpointWidth = Math.max(8, ...checks.map((c) => c.endpoint.length));
  return [
    `${'stream'.padEnd(width)}  ${'endpoint'.padEnd(endpointWidth)}  result`,
    ...checks.map((c) => `${c.stream.padEnd(width)}  ${c.endpoint.padEnd(endpointWidth)}  ${c.message}`),
  ];
}

/** Runs the connection test; returns the exit code (0 when every selected stream is readable). */
export async function runConnectionTest(
  client: ApiClient,
  streams: SelectedStream[],
  config: TapConfig,
  logger: Logger,
  writeErr: (line: string) => void,
): Promise<number> {
  logger.info(`Testing the connection to store ${config.storeHash} at ${config.apiUrl}`);
  const checks = await checkStreams(client, streams);
  for (const line of formatChecks(checks)) writeErr(line);
  const failed = checks.filter((c) => !c.isOk);
  writeErr(
    failed.length === 0
      ? `All ${checks.length} selected streams are readable.`
      : `${failed.length} of ${checks.length} selected streams are not readable: see above.`,
  );
  return failed.length === 0 ? 0 : 1;
}
