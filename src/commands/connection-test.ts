import type { TapConfig } from '../config.js';
import type { ApiClient } from '../http/types.js';
import type { Logger } from '../logger.js';
import { findStream } from '../streams/index.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import type { StreamDefinition } from '../streams/types.js';

export interface StreamCheck {
  stream: string;
  endpoint: string;
  isOk: boolean;
  message: string;
  /** The HTTP status of a failed check, when the API answered. */
  status?: number;
}

/** One cheap request (limit 1) per selected stream; a per-parent child also reads one parent first. */
export async function checkStreams(client: ApiClient, streams: SelectedStream[]): Promise<StreamCheck[]> {
  const checks: StreamCheck[] = [];
  for (const { definition } of streams) {
    const endpoint = `GET /${definition.api}${definition.path}`;
    try {
      const message = await probe(client, definition);
      checks.push({ stream: definition.name, endpoint, isOk: true, message });
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      checks.push({
        stream: definition.name,
        endpoint,
        isOk: false,
        message: (error as Error).message,
        ...(typeof status === 'number' ? { status } : {}),
      });
    }
  }
  return checks;
}

async function probe(client: ApiClient, definition: StreamDefinition): Promise<string> {
  const replication = definition.replication;
  const isSingle = replication.method === 'FULL_TABLE' && replication.walk.by === 'single';
  const query = isSingle ? {} : { limit: 1 };
  if (replication.method !== 'CHILD' || replication.yields.kind !== 'per-parent') {
    // An embedded child is read with its parent: probing the parent's list checks the same request.
    const parent = replication.method === 'CHILD' ? findStream(replication.parent) : definition;
    const target = parent ?? definition;
    await client.get({ apiVersion: target.api, path: target.path, query, stream: definition.name });
    return 'OK';
  }
  const parent = findStream(replication.parent);
  if (!parent) return 'OK';
  const parents = await client.get({ apiVersion: parent.api, path: parent.path, query: { limit: 1 }, stream: parent.name });
  const first = parents.records[0];
  if (!first) return `OK (no ${parent.name} record to read its ${definition.name} with)`;
  await client.get({
    apiVersion: replication.yields.api,
    path: replication.yields.path(first),
    query: { limit: 1 },
    stream: definition.name,
  });
  return 'OK';
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
