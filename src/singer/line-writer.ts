import type { Writable } from 'node:stream';
import { OutputClosedError } from '../errors.js';

/**
 * Writes newline-delimited lines to a stream with bounded buffering: lines are batched into chunks, and
 * when the stream reports a full buffer the caller awaits `drain` (a slow target slows the tap; nothing
 * accumulates without bound). A closed pipe (EPIPE) surfaces as OutputClosedError.
 */
export class LineWriter {
  private chunk = '';
  private closedError: Error | null = null;
  private readonly chunkChars: number;

  constructor(
    private readonly out: Writable,
    options: { chunkChars?: number } = {},
  ) {
    this.chunkChars = options.chunkChars ?? 64 * 1024;
    out.on('error', (error: NodeJS.ErrnoException) => {
      this.closedError = error;
    });
  }

  /** Adds one line; returns a promise only when the caller must wait (backpressure), else undefined. */
  writeLine(line: string): Promise<void> | undefined {
    if (this.closedError) throw this.asTapError(this.closedError);
    this.chunk += `${line}\n`;
    if (this.chunk.length < this.chunkChars) return undefined;
    return this.flush();
  }

  /** Hands the buffered chunk to the stream and waits for `drain` if its buffer is full. */
  async flush(): Promise<void> {
    if (this.closedError) throw this.asTapError(this.closedError);
    if (this.chunk === '') return;
    const data = this.chunk;
    this.chunk = '';
    const hasRoom = this.out.write(data);
    if (!hasRoom) await this.waitForDrain();
  }

  private waitForDrain(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onDrain = () => {
        cleanup();
        resolve();
      };
      const onError = (error: Error) => {
        cleanup();
        reject(this.asTapError(error));
      };
      const onClose = () => {
        cleanup();
        reject(new OutputClosedError('The output stream was closed before the sync finished.'));
      };
      const cleanup = () => {
        this.out.off('drain', onDrain);
        this.out.off('error', onError);
        this.out.off('close', onClose);
      };
      this.out.on('drain', onDrain);
      this.out.on('error', onError);
      this.out.on('close', onClose);
    });
  }

  private asTapError(error: Error): Error {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END') {
      return new OutputClosedError('The target closed the pipe: stopping.', { cause: error });
    }
    return error;
  }
}
