// How a SocketError's message is written: Node's "syscall CODE address" prefix, the text the
// system gives for the errno with Python's number, and one sentence saying what to do.
import util from 'node:util';
import { errnoNumber, errnoReference, isErrnoName } from './errno.ts';
import type { SockAddr } from './types.ts';

/** What a message is made from (the fields of SocketErrorOptions it reads). */
export interface MessageParts {
  readonly code: string;
  readonly syscall: string;
  readonly errno?: number | undefined;
  readonly address?: SockAddr | undefined;
  readonly detail?: string | undefined;
  readonly cause?: unknown;
}

/** One sentence per common code: what it means here and what to do about it. */
const HINTS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'Nothing is listening on that port: start the server first, or check the port.',
  ETIMEDOUT: 'The peer never answered: check the host is reachable and the port not filtered.',
  EADDRINUSE:
    'Another socket already uses that address and port: stop it, choose another port, or use ' +
    'port 0 to let the kernel pick a free one.',
  EADDRNOTAVAIL:
    'That IP address does not belong to this machine: use one of its own, such as 127.0.0.1.',
  EACCES: 'Permission denied: ports below 1024 usually need privileges; use a port above 1023.',
  ECONNRESET:
    'The peer reset the connection (it crashed, aborted, or closed with unread data): ' +
    'the conversation is over; close this socket.',
  EPIPE: 'The connection is closed for writing (the peer is gone): stop sending and close.',
  EHOSTUNREACH: 'There is no route to that host: check the address.',
  ENETUNREACH: 'There is no route to that network: check the address and the network.',
  ENOTFOUND: 'The name could not be resolved: check its spelling, or use an IP address.',
  EAI_AGAIN: 'The resolver did not answer: try again later, or use an IP address.',
  EMFILE: 'This process has too many open sockets or files: close the ones you no longer need.',
};

/** What the resolver's codes (not OS errnos) mean. */
const RESOLVER_CODES: Readonly<Record<string, string>> = {
  ENOTFOUND: 'no such host (getaddrinfo found no address)',
  EAI_AGAIN: 'temporary failure in name resolution',
};

/** The human text for an errno, from the system's table, as strerror(3) would give it. */
const systemMessages = util.getSystemErrorMap();

/**
 * The default message: `connect ECONNREFUSED 127.0.0.1:4321: connection refused (errno 111).
 * Nothing is listening on that port: ...`. Node's prefix, Python's errno, and a hint.
 *
 * @example
 * formatSocketErrorMessage({ code: 'EBADF', syscall: 'recv', detail: 'the socket is closed' });
 * // 'recv EBADF: bad file descriptor (errno 9). The socket is closed'
 */
export function formatSocketErrorMessage(parts: MessageParts): string {
  const errno = parts.errno ?? defaultErrno(parts.code, parts.cause);
  const target = parts.address ? ` ${formatTarget(parts.address)}` : '';
  const text = describeErrno(parts.code, errno);
  const detail = parts.detail ?? HINTS[parts.code];
  const sentence = detail ? `. ${detail.charAt(0).toUpperCase()}${detail.slice(1)}` : '';
  return `${parts.syscall} ${parts.code}${target}: ${text}${sentence}`;
}

/**
 * The errno number a SocketError carries when none is given: the platform's number for an errno
 * name; for other codes (the resolver's ENOTFOUND) the number Node reported, or 0.
 */
export function defaultErrno(code: string, cause: unknown): number {
  if (isErrnoName(code)) return errnoNumber(code);
  const nodeErrno = (cause as Partial<NodeJS.ErrnoException> | undefined)?.errno;
  return typeof nodeErrno === 'number' ? nodeErrno : 0;
}

/**
 * Formats an address the way Node prints it in its errors: `host:port`, brackets for IPv6.
 *
 * @example
 * formatTarget(['::1', 80]); // '[::1]:80'
 */
export function formatTarget([host, port]: SockAddr): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function describeErrno(code: string, errno: number): string {
  const fromSystem = isErrnoName(code) ? systemMessages.get(-errno)?.[1] : undefined;
  const fromTable =
    errnoReference.find((entry) => entry.name === code)?.meaning ?? RESOLVER_CODES[code];
  const text = fromSystem ?? fromTable ?? 'failed';
  return isErrnoName(code) ? `${text} (errno ${errno})` : text;
}
