// Exercise 4: a server that keeps trying when its port is taken, and says which port it got.
//
// A restarted server often finds its port still held: by the old process that has not exited yet,
// or by another program. listen() then fails with EADDRINUSE (in Node: the server emits 'error'
// with err.code === 'EADDRINUSE' and err.syscall === 'listen', because Node binds inside listen()).

import type { Server } from 'node:net';

export interface ListenWithRetryOptions {
  /** The address to listen on, e.g. '127.0.0.1'. */
  host: string;
  /** The port to ask for; 0 asks the kernel for any free (ephemeral) port. */
  port: number;
  /** How many times to call listen() on `port` in all, including the first (>= 1). */
  attempts: number;
  /** How long to wait between two attempts, in milliseconds. */
  delayMs: number;
  /** After the last EADDRINUSE, listen on port 0 instead of failing. Default false. */
  fallbackToEphemeral?: boolean;
  /**
   * Called after each failed attempt that will be retried, before waiting delayMs: the attempt
   * number (1 for the first) and its EADDRINUSE error.
   */
  onRetry?: (attempt: number, error: NodeJS.ErrnoException) => void | Promise<void>;
}

export interface ListenResult {
  /** The listening server; the caller closes it. */
  server: Server;
  /** The port really listened on (never 0). */
  port: number;
  /** How many times listen() was called, the fallback included. */
  attempts: number;
  /** True when the port came from the fallback to port 0. */
  fellBack: boolean;
}

/**
 * Listens on host:port, retrying on EADDRINUSE only (any other error, such as EACCES or
 * EADDRNOTAVAIL, fails at once: waiting will not fix it). When every attempt fails, rejects with
 * the last EADDRINUSE error (code and port intact), unless fallbackToEphemeral is set; either way
 * without waiting after the last attempt. Leaves no server listening when it rejects.
 * attempts below 1 (or not an integer) rejects with a RangeError naming the value.
 *
 * @example
 * const { server, port, attempts } = await listenWithRetry({ host: '127.0.0.1', port: 8080, attempts: 5, delayMs: 200 });
 */
export async function listenWithRetry(options: ListenWithRetryOptions): Promise<ListenResult> {
  throw new Error(
    `TODO: listen on ${options.host}:${options.port} with up to ${options.attempts} attempts`,
  );
}
