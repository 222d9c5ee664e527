import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

/** The parts of AirbyteMessages the image test reads (each validated against the protocol schema first). */
export interface AirbyteMessage {
  type: string;
  spec?: { connectionSpecification: Record<string, unknown> };
  connectionStatus?: { status: string; message?: string };
  catalog?: { streams: AirbyteStream[] };
  record?: { stream: string; data: Record<string, unknown> };
  state?: { type?: string; stream?: { stream_descriptor: { name: string }; stream_state: unknown } };
  trace?: { type: string; stream_status?: { stream_descriptor: { name: string }; status: string } };
}

export interface AirbyteStream {
  name: string;
  supported_sync_modes: string[];
  source_defined_primary_key?: string[][];
}

/** Validates AirbyteMessages against `#/definitions/AirbyteMessage` of the vendored protocol (v0.18.0). */
export function createMessageValidator(repoRoot: string): (message: unknown) => string | null {
  const protocol = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/airbyte/airbyte_protocol.json'), 'utf8')) as { $id: string };
  // strict: false because the protocol schema uses the non-standard key `existingJavaType`.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(protocol);
  const validate: ValidateFunction = ajv.compile({ $ref: `${protocol.$id}#/definitions/AirbyteMessage` });
  return (message) => (validate(message) ? null : JSON.stringify(validate.errors));
}

/** Every stdout line must be one valid AirbyteMessage: stdout carries nothing else. Throws naming the line. */
export function parseMessages(stdout: string, validate: (message: unknown) => string | null, what: string): AirbyteMessage[] {
  const lines = stdout.split('\n').filter((line) => line !== '');
  return lines.map((line, index) => {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      throw new Error(`${what}: stdout line ${index + 1} is not JSON: ${line.slice(0, 300)}`);
    }
    const problem = validate(message);
    if (problem) throw new Error(`${what}: stdout line ${index + 1} is not a valid AirbyteMessage: ${problem}\n${line.slice(0, 500)}`);
    return message as AirbyteMessage;
  });
}

/** The configured catalog Airbyte would send: every stream, incremental where the stream supports it. */
export function configuredCatalogFor(streams: AirbyteStream[]): { streams: Array<Record<string, unknown>> } {
  return {
    streams: streams.map((stream) => {
      const isIncremental = stream.supported_sync_modes.includes('incremental');
      return {
        stream,
        sync_mode: isIncremental ? 'incremental' : 'full_refresh',
        destination_sync_mode: isIncremental ? 'append_dedup' : 'overwrite',
        ...(stream.source_defined_primary_key ? { primary_key: stream.source_defined_primary_key } : {}),
      };
    }),
  };
}

/** Record data per stream, each record as canonical JSON, sorted: two syncs of one store compare equal. */
export function recordsByStream(messages: AirbyteMessage[]): Record<string, string[]> {
  const records: Record<string, string[]> = {};
  for (const message of messages) {
    if (message.type !== 'RECORD' || !message.record) continue;
    const list = records[message.record.stream] ?? [];
    list.push(JSON.stringify(message.record.data));
    records[message.record.stream] = list;
  }
  for (const list of Object.values(records)) list.sort();
  return records;
}

/** The state Airbyte passes back to the next read: the latest STATE message of each stream, as an array. */
export function finalStreamStates(messages: AirbyteMessage[]): unknown[] {
  const latest = new Map<string, unknown>();
  for (const message of messages) {
    const name = message.state?.stream?.stream_descriptor.name;
    if (message.type === 'STATE' && name !== undefined) latest.set(name, message.state);
  }
  return [...latest.values()];
}
