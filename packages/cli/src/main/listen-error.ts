// A server started on the port a user typed can fail to listen for reasons that are the user's
// to fix: the port is taken, it needs privileges, or the address is not this machine's. Those are
// mistakes in the command line, so they get one line and exit code 2 like any other, never
// Node's 20-line stack trace. Pure: explainError (explain-error.ts) asks it about every error.
import { EXIT_USAGE } from './usage-error.ts';

/** What a user can do about each listen error. */
const ADVICE: Readonly<Record<string, string>> = {
  EADDRINUSE:
    'the address is already in use (EADDRINUSE): stop the program using it, or pick another port (0 lets the kernel choose a free one)',
  EACCES:
    'permission denied (EACCES): ports below 1024 need privileges; pick a port from 1024 up (0 lets the kernel choose a free one)',
  EADDRNOTAVAIL:
    'no interface of this machine has that address (EADDRNOTAVAIL): listen on 127.0.0.1, or on an address this machine owns',
};

/** The fields Node's listen errors (and socket-core's SocketError) carry. */
interface ListenFailure {
  readonly code?: unknown;
  readonly syscall?: unknown;
  readonly address?: unknown;
  readonly port?: unknown;
}

/**
 * One line for a listen or bind that failed for a reason the user can fix, or undefined for any
 * other error. The address is written as it would be typed: `127.0.0.1:8080`, `[::1]:8080`.
 *
 * @example
 * explainListenError(Object.assign(new Error('listen EADDRINUSE'), {
 *   code: 'EADDRINUSE', syscall: 'listen', address: '127.0.0.1', port: 8080,
 * }))
 * // { exitCode: 2, message: 'cannot listen on 127.0.0.1:8080: the address is already in use (EADDRINUSE): ...' }
 */
export function explainListenError(
  error: unknown,
): { exitCode: number; message: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, syscall, address, port } = error as ListenFailure;
  if (syscall !== 'listen' && syscall !== 'bind') return undefined;
  const advice = typeof code === 'string' ? ADVICE[code] : undefined;
  if (advice === undefined) return undefined;
  return { exitCode: EXIT_USAGE, message: `cannot listen on ${where(address, port)}: ${advice}` };
}

function where(address: unknown, port: unknown): string {
  if (typeof address !== 'string') return 'that address';
  if (typeof port !== 'number') return address; // a Unix socket's path
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
