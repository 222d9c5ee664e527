import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStderrLines } from '../../src/commands/stderr-lines.js';

describe('createStderrLines', () => {
  it('writes the lines of one event-loop turn in one go, in order, and everything on flush', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tap-bc-err-')), 'err.log');
    const fd = openSync(path, 'w');
    const lines = createStderrLines(fd);
    lines.writeLine('INFO one');
    lines.writeLine('INFO twö');
    expect(readFileSync(path, 'utf8')).toBe('');
    await new Promise((resolve) => setImmediate(resolve));
    expect(readFileSync(path, 'utf8')).toBe('INFO one\nINFO twö\n');
    lines.writeLine('INFO three');
    lines.flush();
    expect(readFileSync(path, 'utf8')).toBe('INFO one\nINFO twö\nINFO three\n');
    closeSync(fd);
  });
});
