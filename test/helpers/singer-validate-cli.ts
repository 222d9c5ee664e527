/**
 * Reads Singer messages on stdin (one JSON object per line, parsed with ndjson) and validates them like a
 * strict target; prints a one-line verdict on stdout and exits 0 when valid. Used by the end-to-end test of
 * `npm start --silent | …`.
 */
import ndjson from 'ndjson';
import { validateSingerMessages } from './singer-validator.js';

const messages: Array<Record<string, unknown>> = [];
const problems: string[] = [];
await new Promise<void>((resolve) => {
  process.stdin
    .pipe(ndjson.parse({ strict: true }))
    .on('data', (message: Record<string, unknown>) => messages.push(message))
    .on('error', (error: Error) => {
      problems.push(`line ${messages.length + 1}: not JSON (${error.message})`);
      resolve();
    })
    .on('end', () => resolve());
});
problems.push(...validateSingerMessages(messages));
const counts: Record<string, number> = {};
for (const m of messages) if (m.type === 'RECORD') counts[String(m.stream)] = (counts[String(m.stream)] ?? 0) + 1;
process.stdout.write(`${JSON.stringify({ messages: messages.length, records: counts, problems: problems.slice(0, 10) })}\n`);
process.exitCode = problems.length === 0 ? 0 : 1;
