import cliProgress from 'cli-progress';
import type { ProgressRow, ProgressView } from './progress.js';

/** The part of a terminal stream the display writes to (process.stderr; a fake one in tests). */
export interface TerminalOut {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

/** Live progress on a terminal, plus the way every other stderr line is written while it is shown. */
export interface TerminalDisplay extends ProgressView {
  /** Writes a log line above the bars (which are redrawn below it). */
  writeLine(line: string): void;
}

interface BarPayload {
  stream: string;
  text: string;
  nameWidth: number;
}

const BAR_SIZE = 24;

/**
 * One progress bar per running stream (cli-progress's MultiBar), redrawn in place whenever `show` is called,
 * then the figures: `orders ████████░░░░ 1,234 of ~5,000 records (24%), 310 requests, 52 records/s, ETA 1m 13s`.
 * Lines are cut at the terminal's width rather than wrapped, which would break the redraw. `clear` removes the
 * bars and leaves the cursor where they started: the terminal is clean for the lines that follow.
 */
export function createTerminalDisplay(out: TerminalOut): TerminalDisplay {
  let multibar: cliProgress.MultiBar | null = null;
  const bars = new Map<string, cliProgress.SingleBar>();

  const format = (options: cliProgress.Options, params: cliProgress.Params, payload: BarPayload): string => {
    const line = `${payload.stream.padEnd(payload.nameWidth)} ${cliProgress.Format.BarFormat(params.progress, options)} ${payload.text}`;
    return line.slice(0, Math.max(20, (out.columns ?? 80) - 1));
  };

  const open = (): cliProgress.MultiBar =>
    new cliProgress.MultiBar({
      stream: out as unknown as NodeJS.WritableStream,
      format: format as unknown as cliProgress.GenericFormatter,
      barsize: BAR_SIZE,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      emptyOnZero: true,
      forceRedraw: true,
      clearOnComplete: true,
      hideCursor: false,
      linewrap: true,
      gracefulExit: false,
      // Redraws are driven by the progress reporter's ticks; the library's own timer is only a fallback.
      fps: 1,
    });

  const clear = (): void => {
    multibar?.stop();
    multibar = null;
    bars.clear();
  };

  return {
    show(rows: readonly ProgressRow[]): void {
      if (rows.length === 0) {
        clear();
        return;
      }
      multibar ??= open();
      for (const [stream, bar] of bars) {
        if (rows.some((r) => r.stream === stream)) continue;
        multibar.remove(bar);
        bars.delete(stream);
      }
      const nameWidth = Math.max(...rows.map((r) => r.stream.length));
      for (const row of rows) {
        const payload: BarPayload = { stream: row.stream, text: row.text, nameWidth };
        // An unknown total draws an empty bar (0 of 0 with emptyOnZero), not a full one.
        const total = row.total ?? 0;
        const value = row.total === undefined ? 0 : row.records;
        const bar = bars.get(row.stream);
        if (bar) {
          bar.setTotal(total);
          bar.update(value, payload);
        } else {
          bars.set(row.stream, multibar.create(total, value, payload));
        }
      }
      multibar.update();
    },
    clear,
    writeLine(line: string): void {
      if (multibar === null) {
        out.write(`${line}\n`);
        return;
      }
      multibar.log(`${line}\n`);
      multibar.update();
    },
  };
}
