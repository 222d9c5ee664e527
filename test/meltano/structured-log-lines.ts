import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFixtureJson } from '../helpers/fixtures.js';

const logSchema = readFixtureJson<object>('meltano', 'sdk_structured_logs.schema.json');
const validateLine = new Ajv2020({ strict: false, allErrors: true }).compile(logSchema);

/** Every stderr line must be one JSON object valid as a Singer SDK structured log line. */
export function structuredLines(stderr: string): Array<Record<string, unknown>> {
  const lines = stderr.split('\n').filter((l) => l !== '');
  return lines.map((line, index) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`stderr line ${index + 1} is not JSON: ${line.slice(0, 300)}`);
    }
    if (!validateLine(parsed))
      throw new Error(`stderr line ${index + 1} is not a valid structured log line: ${JSON.stringify(validateLine.errors)}\n${line}`);
    return parsed as Record<string, unknown>;
  });
}
