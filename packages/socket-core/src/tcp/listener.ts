// The listening side of a TCP Socket: a net.Server, and the queue that turns Node's
// 'connection' events back into accept() calls.
//
// Node accepts every connection from the kernel as soon as it arrives and emits 'connection';
// Berkeley accept() takes one when the program asks. The queue in between holds what Node has
// accepted and accept() has not taken yet. The server pauses each connection (pauseOnConnect),
// so until accept() takes it its bytes wait in the kernel.
import net from 'node:net';
import util from 'node:util';
import { fromNodeError, type SocketError } from '../errors.ts';
import { handleFd } from '../node-handle.ts';
import type { SockAddr } from '../types.ts';
import { Notifier } from '../waiting.ts';

/**
 * A net.Server and its accept queue. `adopt` turns each connection Node accepted into what
 * accept() hands out (a connected Socket), at once, so that a peer resetting a queued
 * connection is already heard by that Socket.
 *
 * @example
 * const listener = new Listener((stream) => stream);
 * await listener.listen({ host: '127.0.0.1', port: 0, backlog: 128 });
 * const stream = listener.take(); // a waiting connection, or undefined
 * await listener.close();
 */
export class Listener<T> {
  readonly #server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
  readonly #adopt: (stream: net.Socket) => T;
  /** Connections Node has accepted from the kernel that take() has not handed out yet. */
  readonly #queue: Array<{ readonly child: T; readonly stream: net.Socket }> = [];
  readonly #changed = new Notifier();
  /** Every connection this listener produced that is still open, handed out or not. */
  readonly #children = new Set<net.Socket>();
  /** An accept(2) failure (EMFILE...), reported by the next take(). */
  #error: SocketError | undefined;
  #started: Promise<unknown> | undefined;
  #closed = false;

  constructor(adopt: (stream: net.Socket) => T) {
    this.#adopt = adopt;
    this.#server.on('connection', (stream) => this.#onConnection(stream));
  }

  /** The listening OS socket's file descriptor, or -1. */
  get fd(): number {
    return handleFd(this.#server);
  }

  /** The address the server listens on, once it listens. */
  address(): SockAddr | undefined {
    const address = this.#server.address();
    return address && typeof address === 'object' ? [address.address, address.port] : undefined;
  }

  /**
   * Binds and listens in one call (Node has no listen without bind): resolves once listening,
   * rejects with Node's error (EADDRINUSE, EACCES...).
   */
  async listen(options: net.ListenOptions & { reusePort?: boolean }): Promise<void> {
    const started = startListening(this.#server, options);
    this.#started = started.catch(() => {});
    await started;
    // After listening, Node reports accept(2) failures (EMFILE...) as 'error' on the server.
    this.#server.on('error', (error) => {
      this.#error = fromNodeError(error, { syscall: 'accept' });
      this.#changed.notify();
    });
  }

  /** The next waiting connection, or undefined; throws an accept(2) failure first, once. */
  take(): T | undefined {
    const error = this.#error;
    if (error) {
      this.#error = undefined;
      throw error;
    }
    return this.#queue.shift()?.child;
  }

  /** Resolves when a connection or an error arrives, or wake() is called; aborts with `signal`. */
  changed(signal: AbortSignal | undefined): Promise<void> {
    return this.#changed.wait(signal);
  }

  /** Wakes accept() calls that wait, so they look at the socket again (its state changed). */
  wake(): void {
    this.#changed.notify();
  }

  /**
   * Stops listening. Connections still queued are reset, as the kernel resets the ones left in
   * its queue; connections already handed out stay open (they are sockets of their own).
   */
  async close(): Promise<void> {
    this.#closed = true;
    this.#changed.notify();
    // A listen() still in progress would create the OS socket after we closed: let it finish.
    await this.#started;
    const server = this.#server;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const { stream } of this.#queue.splice(0)) {
      // Never accepted: the kernel would reset these when the listening socket closes.
      if (!stream.destroyed) stream.resetAndDestroy();
    }
    // Node's 'close' event waits until every connection this server produced has closed, but
    // the ones accept() handed out belong to their own Socket now: wait for it only if none is
    // open. Either way the event does not wait for libuv to release the listening handle.
    const handedOut = [...this.#children].filter((stream) => !stream.destroyed);
    if (handedOut.length === 0) await closed;
    await closeCallbacksHaveRun();
  }

  #onConnection(stream: net.Socket): void {
    const child = this.#adopt(stream);
    if (this.#closed) {
      stream.destroy();
      return;
    }
    this.#children.add(stream);
    stream.once('close', () => this.#children.delete(stream));
    this.#queue.push({ child, stream });
    this.#changed.notify();
  }
}

/** Backlog as Node should get it: an integer >= 1 (see Socket.listen for why 0 becomes 1). */
export function normaliseBacklog(backlog: number): number {
  if (typeof backlog !== 'number' || !Number.isInteger(backlog)) {
    throw new TypeError(
      `listen(backlog): backlog must be an integer such as 128; got ${util.inspect(backlog)}`,
    );
  }
  return Math.max(1, backlog);
}

/** server.listen() as a Promise: 'listening' resolves, 'error' (EADDRINUSE...) rejects. */
function startListening(
  server: net.Server,
  options: net.ListenOptions & { reusePort?: boolean },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options);
  });
}

/**
 * Resolves once libuv has run the close callbacks of handles closed before this call. libuv runs
 * them at the end of a loop iteration, after the "check" phase where setImmediate callbacks run;
 * a handle closed during that close phase itself is released at the end of the next iteration.
 * Two nested setImmediates are therefore always later. (A net.Server emits 'close' before this,
 * so without it a closed listener would still show in process.getActiveResourcesInfo().)
 */
function closeCallbacksHaveRun(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
