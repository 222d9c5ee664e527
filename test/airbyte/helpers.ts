import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { findStream } from '../../src/streams/index.js';
import { readFixtureJson } from '../helpers/fixtures.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The built CLI; `npm test` builds it before vitest runs. */
export function cliPath(): string {
  const path = join(repoRoot, 'dist/src/cli.js');
  if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run build" (npm test does) before these tests.`);
  return path;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Non-empty stdout lines. */
  lines: string[];
}

/**
 * Runs the built CLI as a child process, asynchronously (a sandbox store served by this process must keep
 * answering while the child runs).
 */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cliPath(), ...args], { env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tap-bigcommerce ${args.join(' ')} did not finish in ${options.timeoutMs ?? 60_000} ms; stderr:\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, lines: stdout.split('\n').filter((l) => l !== '') });
    });
  });
}

/** The environment without anything that changes the tap's behaviour (log settings, TAP_BIGCOMMERCE_*). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('TAP_BIGCOMMERCE_') || key === 'SINGER_SDK_LOG_CONFIG' || key === 'LOGLEVEL' || key === 'LOG_LEVEL') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

let airbyteValidator: ValidateFunction | undefined;

/** Validates one value against `#/definitions/AirbyteMessage` of the Airbyte protocol. */
export function validateAirbyteMessage(message: unknown): string | null {
  if (!airbyteValidator) {
    const protocol = readFixtureJson<{ $id: string }>('airbyte', 'airbyte_protocol.json');
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(protocol);
    airbyteValidator = ajv.compile({ $ref: `${protocol.$id}#/definitions/AirbyteMessage` });
  }
  if (airbyteValidator(message)) return null;
  return JSON.stringify(airbyteValidator.errors);
}

/** The parts of AirbyteMessages the tests read (validated against the protocol schema first). */
export interface AirbyteMessage {
  type: string;
  record?: { stream: string; data: Record<string, unknown>; emitted_at: number };
  state?: {
    type?: string;
    stream?: { stream_descriptor: { name: string }; stream_state: Record<string, unknown> | null };
    sourceStats?: { recordCount?: number };
  };
  spec?: { connectionSpecification: { required: string[]; properties: Record<string, Record<string, unknown>> } };
  connectionStatus?: { status: string; message?: string };
  catalog?: { streams: Array<Record<string, unknown>> };
  trace?: {
    type: string;
    emitted_at: number;
    error?: { message: string; failure_type?: string; internal_message?: string; stack_trace?: string };
    stream_status?: { stream_descriptor: { name: string }; status: string };
  };
}

/** Parses every stdout line as JSON and validates it as an AirbyteMessage: stdout must hold nothing else. */
export function parseMessages(run: CliRun): AirbyteMessage[] {
  return run.lines.map((line, index) => {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      throw new Error(`stdout line ${index + 1} is not JSON: ${line.slice(0, 300)}`);
    }
    const problem = validateAirbyteMessage(message);
    if (problem) throw new Error(`stdout line ${index + 1} is not a valid AirbyteMessage: ${problem}\n${line.slice(0, 500)}`);
    return message as AirbyteMessage;
  });
}

/** A temporary directory with JSON files; removed by `cleanup`. */
export function tempFiles(): { dir: string; write(name: string, value: unknown): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tap-bigcommerce-airbyte-'));
  return {
    dir,
    write: (name, value) => {
      const path = join(dir, name);
      writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A stream's one-field key (`id`; categories: `category_id`), as its records and the sandbox snapshot name it. */
export function keyOf(stream: string): string {
  return findStream(stream)?.key[0] ?? 'id';
}
