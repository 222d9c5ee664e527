/**
 * Reads Singer messages on stdin (one JSON object per line) and validates them like a strict target; prints
 * a one-line verdict on stdout and exits 0 when valid. Used by the end-to-end test of `npm start --silent | …`.
 */
import { createInterface } from 'node:readline';
import { validateSingerMessages } from './singer-validator.js';

const messages: Array<Record<string, unknown>> = [];
const problems: string[] = [];
let lineNumber = 0;
for await (const line of createInterface({ input: process.stdin })) {
  lineNumber++;
  try {
    messages.push(JSON.parse(line) as Record<string, unknown>);
  } catch {
    problems.push(`line ${lineNumber}: not JSON: ${line.slice(0, 80)}`);
  }
}
problems.push(...validateSingerMessages(messages));
const counts: Record<string, number> = {};
for (const m of messages) if (m.type === 'RECORD') counts[String(m.stream)] = (counts[String(m.stream)] ?? 0) + 1;
process.stdout.write(JSON.stringify({ messages: messages.length, records: counts, problems: problems.slice(0, 10) }) + '\n');
process.exitCode = problems.length === 0 ? 0 : 1;
