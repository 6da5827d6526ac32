// recv(bufsize) over a Node stream. Node pushes bytes at us ('data' events); Berkeley recv pulls
// "at most bufsize bytes, or wait". The ReceiveBuffer in between is a plain byte queue with
// waiters: bytes go in as they arrive, recv takes at most bufsize out, and an empty result means
// end of stream. When the queue is full it pauses the stream, so Node stops reading from the
// kernel and the kernel's window tells the sender to slow down: backpressure, as with a real
// receive buffer.
import type net from 'node:net';
import util from 'node:util';
import { Notifier } from './waiting.ts';

/** How many bytes wait in user space before the stream is paused (Node 22's stream default). */
export const RECEIVE_HIGH_WATER_MARK = 64 * 1024;

/** Hooks that connect a ReceiveBuffer to its source; both are optional so tests can omit them. */
export interface ReceiveBufferOptions {
  /** Pause the source at this many buffered bytes. */
  highWaterMark?: number;
  /** Called when the buffer reaches the high-water mark: stop reading. */
  onFull?: () => void;
  /** Called when recv has made room again: resume reading. */
  onRoom?: () => void;
}

/**
 * A byte queue with end-of-stream. It knows nothing about sockets, so it can be tested alone.
 *
 * @example
 * const buffer = new ReceiveBuffer();
 * buffer.push(Buffer.from('hello'));
 * buffer.take(3); // <Buffer 68 65 6c> ('hel')
 * buffer.end();
 * buffer.take(3); // 'lo'
 * buffer.take(3); // empty Buffer: end of stream
 */
export class ReceiveBuffer {
  readonly #chunks: Buffer[] = [];
  readonly #changed = new Notifier();
  readonly #highWaterMark: number;
  readonly #onFull: (() => void) | undefined;
  readonly #onRoom: (() => void) | undefined;
  #length = 0;
  #ended = false;
  #full = false;

  constructor(options: ReceiveBufferOptions = {}) {
    this.#highWaterMark = options.highWaterMark ?? RECEIVE_HIGH_WATER_MARK;
    this.#onFull = options.onFull;
    this.#onRoom = options.onRoom;
  }

  /** Bytes waiting to be taken. */
  get length(): number {
    return this.#length;
  }

  /** True once end() was called: no more bytes will be added. */
  get ended(): boolean {
    return this.#ended;
  }

  /** How many recv calls are waiting (tests use it to prove timeouts remove their waiter). */
  get waiting(): number {
    return this.#changed.waiting;
  }

  /** Adds arrived bytes. Bytes pushed after end() are dropped (see Socket.shutdown('SHUT_RD')). */
  push(chunk: Uint8Array): void {
    if (this.#ended || chunk.byteLength === 0) return;
    this.#chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.#length += chunk.byteLength;
    if (!this.#full && this.#length >= this.#highWaterMark) {
      this.#full = true;
      this.#onFull?.();
    }
    this.#changed.notify();
  }

  /** Marks end of stream: the peer closed (FIN), the connection failed, or reading was shut down. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    // Nothing more will be kept, so let the source flow (what still arrives is dropped).
    this.#makeRoom();
    this.#changed.notify();
  }

  /**
   * Takes up to `bufsize` bytes: whatever is buffered, never more, never waiting. Returns an
   * empty Buffer at end of stream (and every time after), and null when there is nothing yet.
   */
  take(bufsize: number): Buffer | null {
    if (this.#length === 0) return this.#ended ? Buffer.alloc(0) : null;
    const bytes = this.#takeBytes(Math.min(bufsize, this.#length));
    if (this.#length < this.#highWaterMark) this.#makeRoom();
    return bytes;
  }

  /** Resolves at the next push() or end(); rejects with `signal.reason` if the signal aborts. */
  changed(signal?: AbortSignal): Promise<void> {
    return this.#changed.wait(signal);
  }

  #takeBytes(count: number): Buffer {
    const parts: Buffer[] = [];
    let missing = count;
    while (missing > 0) {
      const first = this.#chunks[0];
      if (first === undefined) break; // cannot happen: count <= #length
      if (first.length <= missing) {
        parts.push(first);
        this.#chunks.shift();
        missing -= first.length;
      } else {
        parts.push(first.subarray(0, missing));
        this.#chunks[0] = first.subarray(missing);
        missing = 0;
      }
    }
    this.#length -= count;
    return parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts, count);
  }

  #makeRoom(): void {
    if (!this.#full) return;
    this.#full = false;
    this.#onRoom?.();
  }
}

/**
 * Checks recv's bufsize: a positive integer. (Python also accepts 0 and returns b'' at once, but
 * an empty result is how recv reports end of stream, so 0 is refused here to keep that unambiguous.)
 *
 * @example
 * validateBufsize(4096, 'recv'); // 4096
 * validateBufsize(0, 'recv'); // throws RangeError
 */
export function validateBufsize(bufsize: unknown, caller: string): number {
  if (typeof bufsize === 'number' && Number.isSafeInteger(bufsize) && bufsize > 0) return bufsize;
  throw new RangeError(
    `${caller}(bufsize): bufsize must be a positive integer, the most bytes to return, such as ` +
      `4096 (an empty result is reserved for end of stream); got ${util.inspect(bufsize)}`,
  );
}

/**
 * Feeds a ReceiveBuffer from a net.Socket: 'data' pushes, 'end' (FIN) and 'close' end it, and a
 * full buffer pauses the stream. A stream created paused (a server's `pauseOnConnect`) stays
 * paused until someone calls `stream.resume()`: until then its bytes wait in the kernel.
 *
 * @example
 * const received = receiveFrom(stream);
 * await received.changed();
 * console.log(received.take(1024));
 */
export function receiveFrom(stream: net.Socket): ReceiveBuffer {
  const buffer = new ReceiveBuffer({
    onFull: () => stream.pause(),
    onRoom: () => stream.resume(),
  });
  stream.on('data', (chunk: Buffer) => buffer.push(chunk));
  stream.once('end', () => buffer.end());
  stream.once('close', () => buffer.end());
  return buffer;
}
