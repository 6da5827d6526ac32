// A connect that really gives up. Plain node:net has no connect timeout that fails anything:
// `net.connect({ timeout })` only emits 'timeout' and leaves the attempt running (and the kernel
// would keep retrying SYNs for two minutes). Here the attempt is destroyed at the limit, the
// socket's handle is released, and the caller gets an ETIMEDOUT error it can retry.
import net from 'node:net';
import type { SockAddr } from '@netprog/socket-core';
import { timeoutError } from './timeout-error.ts';

export interface ConnectOptions {
  /** Cancels the attempt early (an outer deadline, a user pressing Ctrl-C). */
  signal?: AbortSignal;
}

// #region connect-with-timeout
/**
 * Connects to `address` and resolves with the connected `net.Socket`, or rejects:
 * - with an ETIMEDOUT error (`code`, `syscall: 'connect'`, `address`, `port`) after `timeoutMs`,
 *   having destroyed the half-open attempt so no handle leaks;
 * - with the kernel's error (ECONNREFUSED, EHOSTUNREACH...) if that comes first;
 * - with `signal.reason` if `signal` aborts first.
 *
 * The timer lives only while connecting: once connected, the socket has no timeout and no signal
 * attached, so a later abort cannot destroy a healthy connection by surprise.
 *
 * @example
 * const socket = await connectWithTimeout(['127.0.0.1', 8080], 500);
 * socket.end('hello\n');
 */
export function connectWithTimeout(
  address: SockAddr,
  timeoutMs: number,
  options: ConnectOptions = {},
): Promise<net.Socket> {
  const [host, port] = address;
  const { signal } = options;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    return Promise.reject(
      new RangeError(`connectWithTimeout: timeoutMs must be a finite number > 0, got ${timeoutMs}`),
    );
  }
  signal?.throwIfAborted();

  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (error: unknown) => {
      cleanUp();
      // destroy() closes the file descriptor at once: the kernel forgets the SYN_SENT attempt
      // and stops retrying. Without it the attempt would live on until the OS gives up.
      socket.destroy();
      reject(error);
    };
    const onConnect = () => {
      cleanUp();
      resolve(socket);
    };
    const onError = (error: Error) => fail(error);
    const onAbort = () => fail(signal?.reason);
    const timer = setTimeout(
      () => fail(timeoutError('connect', timeoutMs, { address: host, port })),
      timeoutMs,
    );
    function cleanUp() {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    }
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
// #endregion connect-with-timeout
