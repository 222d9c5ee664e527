import { writeSync } from 'node:fs';

/**
 * Log lines to stderr (fd 2), batched: lines written in one turn of the event loop go out in one write
 * (the tap logs a metric line per request; one syscall each was a measurable share of its CPU). Flushed at
 * the end of the turn and on exit, so no line is lost when the process ends normally.
 */
export function createStderrLines(fd = 2): { writeLine(line: string): void; flush(): void } {
  let pending = '';
  let isScheduled = false;
  const flush = () => {
    isScheduled = false;
    if (pending === '') return;
    const data = pending;
    pending = '';
    const buffer = Buffer.from(data, 'utf8');
    let offset = 0;
    for (let attempts = 0; offset < buffer.length && attempts < 1000; attempts++) {
      try {
        // Partial writes and EAGAIN (a non-blocking pipe that is full) are retried; a closed stderr ends it.
        offset += writeSync(fd, buffer, offset, buffer.length - offset);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
      }
    }
  };
  process.on('exit', flush);
  return {
    writeLine(line) {
      pending += `${line}\n`;
      if (pending.length > 64 * 1024) flush();
      else if (!isScheduled) {
        isScheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
