// errno numbers: the running platform's table (what Python's errno.errorcode shows), and a
// Linux/macOS reference table for teaching, because the same error has different numbers on each.
import os from 'node:os';

/** One row of the reference table: an error name and its number on Linux and on macOS. */
export interface ErrnoReferenceEntry {
  /** The symbolic name, the same on every platform: compare names, never numbers. */
  readonly name: string;
  /** The number on Linux (include/uapi/asm-generic/errno*.h). */
  readonly linux: number;
  /** The number on macOS and the BSDs it comes from (xnu bsd/sys/errno.h). */
  readonly darwin: number;
  /** What it means for a socket program, in a few words. */
  readonly meaning: string;
  /** The OSError subclass Python raises for it ('OSError' when there is no subclass). */
  readonly python: string;
}

// The rows of errnoReference (below), kept with their literal names so that ErrnoName can list them.
const referenceRows = Object.freeze([
  row(
    'EPERM',
    1,
    1,
    'operation not permitted (e.g. blocked by a firewall rule)',
    'PermissionError',
  ),
  row('ENOENT', 2, 2, 'no such file or directory (e.g. a Unix socket path)', 'FileNotFoundError'),
  row('EINTR', 4, 4, 'a signal interrupted the call; retry it', 'InterruptedError'),
  row('EBADF', 9, 9, 'bad file descriptor: the socket is closed', 'OSError'),
  row(
    'EAGAIN',
    11,
    35,
    'would block: nothing to do yet on a non-blocking socket',
    'BlockingIOError',
  ),
  row('EWOULDBLOCK', 11, 35, 'another name for EAGAIN (same number)', 'BlockingIOError'),
  row('EACCES', 13, 13, 'permission denied (e.g. a port below 1024)', 'PermissionError'),
  row('EINVAL', 22, 22, 'invalid argument, or a call in the wrong state', 'OSError'),
  row('EMFILE', 24, 24, 'this process has too many open files/sockets', 'OSError'),
  row('EPIPE', 32, 32, 'broken pipe: writing to a connection that is closed', 'BrokenPipeError'),
  row('EINPROGRESS', 115, 36, 'a non-blocking connect has started', 'BlockingIOError'),
  row('EALREADY', 114, 37, 'a connect is already in progress', 'BlockingIOError'),
  row('ENOTSOCK', 88, 38, 'the descriptor is not a socket', 'OSError'),
  row('EMSGSIZE', 90, 40, 'message too long for one datagram', 'OSError'),
  row('ENOPROTOOPT', 92, 42, 'option not available for this protocol', 'OSError'),
  row('EOPNOTSUPP', 95, 102, 'operation not supported on this socket type', 'OSError'),
  row('EAFNOSUPPORT', 97, 47, 'address family not supported (IPv6 address on IPv4)', 'OSError'),
  row('EADDRINUSE', 98, 48, 'address already in use', 'OSError'),
  row('EADDRNOTAVAIL', 99, 49, 'address not available on this machine', 'OSError'),
  row('ENETDOWN', 100, 50, 'network is down', 'OSError'),
  row('ENETUNREACH', 101, 51, 'network is unreachable (no route)', 'OSError'),
  row('ECONNABORTED', 103, 53, 'connection aborted on this side', 'ConnectionAbortedError'),
  row('ECONNRESET', 104, 54, 'connection reset by peer (RST)', 'ConnectionResetError'),
  row('ENOBUFS', 105, 55, 'no buffer space available', 'OSError'),
  row('EISCONN', 106, 56, 'socket is already connected', 'OSError'),
  row('ENOTCONN', 107, 57, 'socket is not connected', 'OSError'),
  row('ESHUTDOWN', 108, 58, 'cannot send after the socket was shut down', 'BrokenPipeError'),
  row('ETIMEDOUT', 110, 60, 'timed out (the kernel gave up, e.g. SYN retries)', 'TimeoutError'),
  row(
    'ECONNREFUSED',
    111,
    61,
    'connection refused: nothing listens there',
    'ConnectionRefusedError',
  ),
  row('EHOSTDOWN', 112, 64, 'host is down', 'OSError'),
  row('EHOSTUNREACH', 113, 65, 'no route to host', 'OSError'),
]);

function row<const Name extends string>(
  name: Name,
  linux: number,
  darwin: number,
  meaning: string,
  python: string,
): ErrnoReferenceEntry & { readonly name: Name } {
  return Object.freeze({ name, linux, darwin, meaning, python });
}

/**
 * The errno names and numbers a socket program meets, on Linux and on macOS side by side.
 * Node reports `err.code` (the name, portable) and `err.errno` (the number, negative); Python
 * reports `e.errno` (the number, positive). Only the names agree across platforms.
 *
 * @example
 * const row = errnoReference.find((r) => r.name === 'ECONNREFUSED');
 * console.log(row?.linux, row?.darwin); // 111 61
 */
export const errnoReference: ReadonlyArray<ErrnoReferenceEntry> = referenceRows;

/**
 * An errno name the platform table below knows: one of Node's `os.constants.errno` names, or a
 * name from errnoReference (which fills in the few Node lacks, such as ESHUTDOWN). Code that
 * makes a SocketError from a literal name takes this type, so a misspelt name does not compile.
 */
export type ErrnoName = keyof typeof os.constants.errno | (typeof referenceRows)[number]['name'];

/**
 * Builds a number → name table from a name → number table. Some numbers have two names
 * (EAGAIN and EWOULDBLOCK are both 11 on Linux); the first name listed wins, which for Node's
 * `os.constants.errno` gives the same names as Python's `errno.errorcode` (EAGAIN, ENOTSUP).
 *
 * @example
 * invertErrnoTable({ EAGAIN: 11, EWOULDBLOCK: 11 }); // { 11: 'EAGAIN' }
 */
export function invertErrnoTable(
  byName: Readonly<Record<string, number>>,
): Readonly<Record<number, string>> {
  const byNumber: Record<number, string> = {};
  for (const [name, number] of Object.entries(byName)) {
    if (!(number in byNumber)) byNumber[number] = name;
  }
  return Object.freeze(byNumber);
}

/**
 * Adds the reference rows' numbers for `platform` to Node's table where Node lacks the name
 * (Node's os.constants.errno has no ESHUTDOWN or EHOSTDOWN, which Python's errno module has).
 * Other platforms get Node's table unchanged.
 *
 * @example
 * withReferenceRows({ EPIPE: 32 }, 'linux').ESHUTDOWN; // 108
 */
export function withReferenceRows(
  fromNode: Readonly<Record<string, number>>,
  platform: string,
): Readonly<Record<string, number>> {
  const table: Record<string, number> = { ...fromNode };
  if (platform !== 'linux' && platform !== 'darwin') return table;
  for (const entry of errnoReference) {
    if (!Object.hasOwn(table, entry.name)) table[entry.name] = entry[platform];
  }
  return Object.freeze(table);
}

/** The running platform's name → number table: Node's, completed from errnoReference. */
const platformErrno = withReferenceRows(os.constants.errno, process.platform);

/**
 * errno number → name for the platform this process runs on, like Python's `errno.errorcode`.
 *
 * @example
 * console.log(errorcode[111]); // 'ECONNREFUSED' on Linux (61 is ECONNREFUSED on macOS)
 */
export const errorcode: Readonly<Record<number, string>> = invertErrnoTable(platformErrno);

/**
 * The name of an errno number on this platform; throws for a number that is not an errno here.
 *
 * @example
 * const result = await socket().connectEx(['127.0.0.1', port]);
 * if (result !== 0) console.log(errnoName(result)); // 'ECONNREFUSED'
 */
export function errnoName(errno: number): string {
  const name = Number.isInteger(errno) ? errorcode[errno] : undefined;
  if (name !== undefined) return name;
  const why =
    errno === 0
      ? '0 means success (connectEx returns 0 when it connected), not an error'
      : `it is not an errno number on ${process.platform}; see errnoReference for other platforms`;
  throw new RangeError(`errnoName(${String(errno)}): ${why}`);
}

/**
 * The number this platform uses for an errno name, like Python's `errno.ECONNREFUSED`.
 *
 * @example
 * errnoNumber('ECONNREFUSED'); // 111 on Linux, 61 on macOS
 */
export function errnoNumber(name: string): number {
  const number = Object.hasOwn(platformErrno, name) ? platformErrno[name] : undefined;
  if (number !== undefined) return number;
  throw new RangeError(
    `errnoNumber(${JSON.stringify(name)}): not an errno name on ${process.platform}; ` +
      "names are upper case and start with E, such as 'ECONNREFUSED'",
  );
}

/**
 * True when `code` is an OS errno name on this platform (ECONNREFUSED), false for codes that only
 * Node or the resolver use (ENOTFOUND, EAI_AGAIN, ERR_STREAM_DESTROYED).
 *
 * @example
 * isErrnoName('ECONNREFUSED'); // true
 * isErrnoName('ENOTFOUND'); // false: a getaddrinfo result, not an errno
 */
export function isErrnoName(code: string): code is ErrnoName {
  return Object.hasOwn(platformErrno, code);
}
