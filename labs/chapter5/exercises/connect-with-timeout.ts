// Exercise 1: a connect that really gives up.
//
// net.connect({ timeout }) only EMITS 'timeout': the attempt keeps running, and the kernel would
// keep resending SYNs for about two minutes. Write a connect that stops at the limit, frees
// everything it used, and says clearly that it timed out.
import type net from 'node:net';

/**
 * Connects to host:port and resolves with the connected socket.
 *
 * - If the connection is not established within `timeoutMs`, reject with an Error whose
 *   `code` is 'ETIMEDOUT' and `syscall` is 'connect', like Node's own connect errors (and whose
 *   message names the address and the limit), and destroy the half-open socket: after one timer
 *   tick nothing of the attempt may remain (no socket, no timer).
 * - If the kernel reports an error first (ECONNREFUSED...), reject with that error as it is.
 * - Once connected, nothing of the timeout may remain either: the socket must not be destroyed
 *   later by a leftover timer or signal.
 *
 * @example
 * const socket = await connectWithTimeout('127.0.0.1', 8080, 500);
 * socket.end('hello\n');
 */
export function connectWithTimeout(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<net.Socket> {
  // TODO: create the socket with net.connect, then settle on whichever comes first:
  // 'connect', 'error', or your own timer. Clean up the two you did not use.
  throw new Error(
    `TODO: connectWithTimeout(${host}, ${port}, ${timeoutMs}) is not written yet (exercises/connect-with-timeout.ts)`,
  );
}
