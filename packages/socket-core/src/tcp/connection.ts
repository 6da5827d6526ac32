// One TCP connection as the Socket uses it: Node's net.Socket (the byte stream), the receive
// buffer that recv() takes from, and the two halves shutdown() closes. The Socket decides which
// errno a call gets; this file does what Node needs done for it.
import net from 'node:net';
import { isErrnoName } from '../errno.ts';
import { closedError, fromNodeError, stateError } from '../errors.ts';
import { type ReceiveBuffer, receiveFrom } from '../receive-buffer.ts';
import type { Family, ShutdownHow, SockAddr } from '../types.ts';

/** What connect() needs besides the peer: the socket's family, bind() address and options. */
export interface ConnectSettings {
  readonly family: Family;
  /** The address bind() recorded, if any: Node binds to it inside connect(). */
  readonly local: SockAddr | undefined;
  readonly noDelay: boolean;
  readonly keepAlive: boolean;
}

/** Hears a connection's errors: a failed connect, or a connection that broke. */
export type ErrorHandler = (connection: Connection, error: Error) => void;

/**
 * A net.Socket with its receive buffer. `onError` hears the stream's errors, except one a write
 * already reported to its caller.
 *
 * @example
 * const settings = { family: 'AF_INET', local: undefined, noDelay: false, keepAlive: false } as const;
 * const connection = Connection.connect(['127.0.0.1', 8080], settings, (_, error) => console.log(error));
 * await connection.writeAndWait(Buffer.from('hi'), undefined);
 * connection.shutdown('SHUT_WR');
 */
export class Connection {
  readonly stream: net.Socket;
  readonly received: ReceiveBuffer;
  #readShut = false;
  #writeShut = false;
  #closed = false;
  /** Node errors already reported to a caller, so the 'error' event does not report them twice. */
  readonly #reported = new WeakSet<Error>();

  constructor(stream: net.Socket, onError: ErrorHandler) {
    this.stream = stream;
    // First thing: a peer that resets must never crash the process with an unhandled 'error'.
    stream.on('error', (error) => {
      if (!this.#reported.has(error)) onError(this, error);
    });
    this.received = receiveFrom(stream);
  }

  /** Starts connecting a new stream to `target`; 'connect' on `stream` says when it is done. */
  static connect(
    [host, port]: SockAddr,
    settings: ConnectSettings,
    onError: ErrorHandler,
  ): Connection {
    const connection = new Connection(new net.Socket({ allowHalfOpen: true }), onError);
    const stream = connection.stream;
    if (settings.noDelay) stream.setNoDelay(true);
    if (settings.keepAlive) stream.setKeepAlive(true);
    const local = settings.local;
    stream.connect({
      host,
      port,
      family: settings.family === 'AF_INET6' ? 6 : 4,
      // Berkeley connect() tries one address; createConnection() is where several are tried.
      autoSelectFamily: false,
      ...(local ? { localAddress: local[0], localPort: local[1] } : {}),
    });
    return connection;
  }

  /** True after shutdown(SHUT_RD or SHUT_RDWR): the end of stream recv() sees is our own. */
  get readShut(): boolean {
    return this.#readShut;
  }

  /** True after shutdown(SHUT_WR or SHUT_RDWR): nothing more can be sent. */
  get writeShut(): boolean {
    return this.#writeShut;
  }

  /** Lets the bytes that waited in the kernel flow (an accepted connection starts paused). */
  resume(): void {
    this.stream.resume();
  }

  /** SHUT_RD ends the receive buffer; SHUT_WR sends FIN after any queued bytes. */
  shutdown(how: ShutdownHow): void {
    if (how !== 'SHUT_WR') {
      this.#readShut = true;
      this.received.end();
    }
    if (how !== 'SHUT_RD' && !this.#writeShut) {
      this.#writeShut = true;
      this.stream.end();
    }
  }

  /** write() and wait for its callback: Node calls it when the kernel has taken the bytes. */
  writeAndWait(bytes: Buffer, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.stream.write(bytes, (error) => {
        signal?.removeEventListener('abort', onAbort);
        if (!error) {
          resolve();
          return;
        }
        // After a timeout nobody hears this rejection: leave the error to the 'error' event.
        if (signal?.aborted) return;
        this.#reported.add(error); // reported here, so the 'error' event must not report it again
        if (this.#closed) reject(closedError('send'));
        else if (!isErrnoName((error as NodeJS.ErrnoException).code ?? '')) {
          reject(stateError('EPIPE', 'send', 'the connection closed before the bytes were sent'));
        } else reject(fromNodeError(error, { syscall: 'send' }));
      });
    });
  }

  /** Gives up a connection that is still being established: nothing more will arrive. */
  abandon(): void {
    this.received.end();
    this.stream.destroy();
  }

  /** Closes the connection, which sends FIN (after the bytes still queued in Node, if any). */
  async close(): Promise<void> {
    this.#closed = true;
    this.received.end();
    await closeStream(this.stream);
  }
}

/**
 * The Berkeley name for the call behind a Node stream error: 'read' is recv, 'write' is send.
 *
 * @example
 * berkeleyName(Object.assign(new Error('reset'), { syscall: 'read' })); // 'recv'
 */
export function berkeleyName(error: Error): string {
  const syscall = (error as NodeJS.ErrnoException).syscall;
  if (syscall === 'read') return 'recv';
  if (syscall === 'write' || syscall === 'writev') return 'send';
  return syscall ?? 'recv';
}

/** Destroys a stream and waits for 'close' (its OS socket is released by then). */
async function closeStream(stream: net.Socket): Promise<void> {
  if (!stream.destroyed && !stream.connecting && stream.writableLength > 0) {
    // Bytes still queued in Node: write them, send FIN, then release (see Socket.close).
    stream.destroySoon();
    return;
  }
  if (!stream.closed) {
    const closed = new Promise((resolve) => stream.once('close', resolve));
    stream.destroy();
    await closed;
  }
}
