// Mutant: rejects at the limit with an Error that has no code, so callers cannot tell a timeout apart
// Why students write it: a message saying 'timed out' looks like enough
// Exercise 1: a connect that really gives up (reference solution).
//
// net.connect({ timeout }) only EMITS 'timeout': the attempt keeps running, and the kernel would
// keep resending SYNs for about two minutes. Write a connect that stops at the limit, frees
// everything it used, and says clearly that it timed out.
import net from 'node:net';

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
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    // A plain timer, cleared on every path. (AbortSignal.timeout passed as net.connect's `signal`
    // would also stop the attempt, but it stays attached and would destroy the socket later, even
    // after a successful connect.)
    const timer = setTimeout(() => {
      cleanUp();
      socket.destroy(); // closes the fd: the kernel forgets the attempt, no handle is left
      const error = new Error(
        `connect ETIMEDOUT ${host}:${port}: no connection within ${timeoutMs} ms`,
      ) as NodeJS.ErrnoException;
      error.syscall = 'connect';
      reject(error);
    }, timeoutMs);
    const onConnect = () => {
      cleanUp();
      resolve(socket);
    };
    const onError = (error: Error) => {
      cleanUp();
      socket.destroy();
      reject(error);
    };
    function cleanUp() {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('error', onError);
    }
    socket.once('connect', onConnect);
    socket.once('error', onError);
  });
}
