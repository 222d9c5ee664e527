import type { Writable } from 'node:stream';
import { OutputClosedError } from '../errors.js';

/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair's 4 bytes are 2 units). */
const MAX_BYTES_PER_CHAR = 3;

/**
 * Writes newline-delimited lines to a stream with bounded buffering: lines are encoded as UTF-8 straight into
 * a chunk buffer (no intermediate joined string to build and copy), and when the stream reports a full buffer
 * the caller awaits `drain` (a slow target slows the tap; nothing accumulates without bound). A closed pipe
 * (EPIPE) surfaces as OutputClosedError.
 */
export class LineWriter {
  private buffer: Buffer;
  private used = 0;
  /** Chunk buffers the stream has finished writing, for reuse (at most two: one written while one fills). */
  private readonly spare: Buffer[] = [];
  private closedError: Error | null = null;
  private readonly chunkBytes: number;
  /**
   * Whether a written chunk's memory may be reused: only for a stream writing to a file descriptor (stdout as a
   * pipe, file or terminal), whose write callback means the bytes are in the kernel. A stream that passes chunks
   * on (a PassThrough, a Transform) may still hold them after its callback: those get fresh buffers.
   */
  private readonly isReusable: boolean;

  constructor(
    private readonly out: Writable,
    options: { chunkBytes?: number } = {},
  ) {
    this.chunkBytes = Math.max(1, options.chunkBytes ?? 64 * 1024);
    this.buffer = Buffer.allocUnsafe(this.chunkBytes);
    this.isReusable = typeof (out as { fd?: unknown }).fd === 'number';
    out.on('error', (error: NodeJS.ErrnoException) => {
      this.closedError = error;
    });
  }

  /** Adds one line; returns a promise only when the caller must wait (backpressure), else undefined. */
  writeLine(line: string): Promise<void> | undefined {
    return this.writeParts(line, '', '');
  }

  /**
   * Adds one line made of three parts (a record's envelope around its JSON), encoded in turn: the parts are
   * never joined into one string first.
   */
  writeParts(head: string, body: string, tail: string): Promise<void> | undefined {
    if (this.closedError) throw this.asTapError(this.closedError);
    const maxBytes = (head.length + body.length + tail.length + 1) * MAX_BYTES_PER_CHAR;
    let hasRoom = true;
    if (this.used + maxBytes > this.buffer.length) {
      hasRoom = this.handOver();
      if (maxBytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(maxBytes);
    }
    let used = this.used;
    if (head !== '') used += this.buffer.write(head, used);
    if (body !== '') used += this.buffer.write(body, used);
    if (tail !== '') used += this.buffer.write(tail, used);
    this.buffer[used++] = 10;
    this.used = used;
    if (used >= this.chunkBytes) hasRoom = this.handOver() && hasRoom;
    return hasRoom ? undefined : this.waitForDrain();
  }

  /** Hands the buffered chunk to the stream and waits for `drain` if its buffer is full. */
  async flush(): Promise<void> {
    if (this.closedError) throw this.asTapError(this.closedError);
    if (!this.handOver()) await this.waitForDrain();
  }

  /**
   * Gives the stream what is buffered. The stream keeps that memory until it has written it: another buffer
   * takes its place, and on a file descriptor it comes back for reuse once written (no 64 KB allocation per
   * chunk, which would only be freed by a garbage collection).
   */
  private handOver(): boolean {
    if (this.used === 0) return true;
    const full = this.buffer;
    const data = full.subarray(0, this.used);
    this.buffer = this.spare.pop() ?? Buffer.allocUnsafe(this.chunkBytes);
    this.used = 0;
    if (!this.isReusable) return this.out.write(data);
    return this.out.write(data, () => {
      if (full.length === this.chunkBytes && this.spare.length < 2) this.spare.push(full);
    });
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
