import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `test/fixtures/`: every file a test reads that the tests did not write (see `test/fixtures/SOURCES.md`). */
export const FIXTURES_DIR = join(import.meta.dirname, '..', 'fixtures');

/** The path of a file under `test/fixtures/`. */
export function fixturePath(...parts: string[]): string {
  return join(FIXTURES_DIR, ...parts);
}

/** Parses a JSON file under `test/fixtures/`. */
export function readFixtureJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(fixturePath(...parts), 'utf8')) as T;
}
