// Mutant: rejects with the error, as net.connect reports it, instead of resolving its number
// Why students write it: errors are usually thrown
// Exercise 2 (reference solution): Python's connect_ex, on top of Node's node:net.
import net from 'node:net';
import os from 'node:os';

/**
 * 0 if a TCP connection to host:port succeeds within timeoutMs, otherwise a positive errno number.
 *
 * @example
 * await connectEx('127.0.0.1', 22, 1_000) // 0 if something listens on port 22
 * await connectEx('127.0.0.1', 9, 1_000)  // os.constants.errno.ECONNREFUSED (111 on Linux)
 */
export function connectEx(host: string, port: number, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    // Whichever comes first settles the promise; a later call changes nothing (a promise settles
    // once, and clearTimeout and destroy may be repeated).
    const settle = (result: number): void => {
      clearTimeout(timer);
      // destroy() also ends an attempt that is still connecting (after a timeout).
      socket.destroy();
      resolve(result);
    };
    // net.connect's own `timeout` option would only emit 'timeout' (an idle timer); this timer
    // gives up for real. Python's connect_ex reports its own timeout as EAGAIN: ETIMEDOUT is the
    // kernel's answer, after its SYN retries, minutes later.
    const timer = setTimeout(() => settle(os.constants.errno.EAGAIN), timeoutMs);
    socket.once('connect', () => settle(0));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}
