// The error types socket-core throws: one SocketError that carries what Python's OSError and
// Node's system errors carry (code, errno, syscall, address), a timeout subclass, and a separate
// error for things Node cannot do at all; then the three ways socket-core makes a SocketError.
// How their messages are worded is error-messages.ts.
import type { ErrnoName } from './errno.ts';
import { defaultErrno, formatSocketErrorMessage, formatTarget } from './error-messages.ts';
import type { SockAddr } from './types.ts';

/** What a SocketError is made from. */
export interface SocketErrorOptions {
  /** The error name: 'ECONNREFUSED', 'EBADF', or a resolver code such as 'ENOTFOUND'. */
  code: string;
  /** The Berkeley call that failed: 'connect', 'recv', 'send', 'accept', 'bind', 'listen'... */
  syscall: string;
  /** Override the number; by default the platform's number for `code`. */
  errno?: number;
  /** The address the call was about, when there is one. */
  address?: SockAddr;
  /** What happened and what to do, in a sentence; a default exists for common codes. */
  detail?: string;
  /** Replaces the whole message (SocketTimeoutError uses it to start with 'timed out'). */
  message?: string;
  /** The original error, e.g. Node's, kept for debugging. */
  cause?: unknown;
}

/**
 * A failed socket call. Like Python's OSError it has `errno` (the platform's positive number);
 * like Node's system errors it has `code` (the portable name), `syscall`, `address` and `port`.
 * Compare `code`, not `errno`: the numbers differ between Linux and macOS.
 *
 * `errno` is `os.constants.errno[code]`. For codes that are not OS errnos (the resolver's
 * ENOTFOUND, EAI_AGAIN) it is the negative number Node reports (e.g. -3008 for ENOTFOUND), the
 * way Python's gaierror carries negative EAI_* numbers.
 *
 * @example
 * try {
 *   await socket().connect(['127.0.0.1', port]);
 * } catch (error) {
 *   if (error instanceof SocketError && error.code === 'ECONNREFUSED') console.log(error.errno); // 111 on Linux
 * }
 */
export class SocketError extends Error {
  readonly code: string;
  readonly errno: number;
  readonly syscall: string;
  readonly address?: string;
  readonly port?: number;

  constructor(options: SocketErrorOptions) {
    super(options.message ?? formatSocketErrorMessage(options), { cause: options.cause });
    this.name = 'SocketError';
    this.code = options.code;
    this.errno = options.errno ?? defaultErrno(options.code, options.cause);
    this.syscall = options.syscall;
    if (options.address) {
      this.address = options.address[0];
      this.port = options.address[1];
    }
  }
}

/**
 * A socket operation did not finish within the socket's timeout (settimeout). Python raises
 * `TimeoutError('timed out')` (alias `socket.timeout`); this is its counterpart. Its code is
 * 'ETIMEDOUT' so that code which checks codes treats it as a timeout, but it comes from
 * socket-core's own timer, not from the kernel: the kernel's ETIMEDOUT (a connect whose SYNs were
 * never answered, after about two minutes on Linux) arrives as a plain SocketError. Its `errno`
 * is ETIMEDOUT's number only because every SocketError has one; Python's `TimeoutError('timed
 * out')` has errno None, so do not print this one as Python's.
 *
 * @example
 * conn.settimeout(500);
 * await conn.recv(1024).catch((e) => {
 *   if (e instanceof SocketTimeoutError) console.log(e.message); // 'timed out: recv waited 500 ms...'
 * });
 */
export class SocketTimeoutError extends SocketError {
  /** The time limit that expired, in milliseconds. */
  readonly timeoutMs: number;

  constructor(options: { syscall: string; timeoutMs: number; address?: SockAddr }) {
    const target = options.address ? ` for ${formatTarget(options.address)}` : '';
    super({
      code: 'ETIMEDOUT',
      syscall: options.syscall,
      ...(options.address ? { address: options.address } : {}),
      message:
        `timed out: ${options.syscall}${target} waited ${options.timeoutMs} ms (the socket's ` +
        'timeout) and nothing happened; allow more time with settimeout(), or check the peer',
    });
    this.name = 'SocketTimeoutError';
    this.timeoutMs = options.timeoutMs;
  }
}

/**
 * Something the Berkeley API can do that Node cannot (or that this Socket class does not do).
 * It is not an OS error, so it is not a SocketError: nothing failed in the kernel. The message
 * says what is missing and what to do instead.
 *
 * @example
 * await server.listen(5);
 * await server.listen(10).catch((e) => console.log(e instanceof UnsupportedError)); // true
 */
export class UnsupportedError extends Error {
  readonly code = 'ERR_NETPROG_UNSUPPORTED';

  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedError';
  }
}

// ---- making SocketErrors ----------------------------------------------------------------

/**
 * A SocketError for a call made in the wrong state or with nothing to do yet (EBADF, ENOTCONN,
 * EAGAIN...), the errors the kernel would return without any network traffic. The code is an
 * ErrnoName, not any string: a misspelt code would otherwise become errno 0, "failed".
 *
 * @example
 * throw stateError('ENOTCONN', 'recv', 'connect() first: only a connected socket can receive');
 */
export function stateError(
  code: ErrnoName,
  syscall: string,
  detail: string,
  address?: SockAddr,
): SocketError {
  return new SocketError({ code, syscall, detail, ...(address ? { address } : {}) });
}

/**
 * EBADF: the call was made on a closed socket, TCP or UDP (Python's "Bad file descriptor").
 *
 * @example
 * throw closedError('recv'); // 'recv EBADF: bad file descriptor (errno 9). The socket is closed: ...'
 */
export function closedError(syscall: string): SocketError {
  return stateError('EBADF', syscall, 'the socket is closed: create a new socket');
}

/**
 * Converts an error from Node (`net`, `dns`) into a SocketError named after the Berkeley call
 * the learner made. A SocketError passes through unchanged. Node's own error is kept as `cause`.
 *
 * @example
 * stream.on('error', (e) => console.log(fromNodeError(e, { syscall: 'recv' }).message));
 */
export function fromNodeError(
  error: unknown,
  context: { syscall: string; address?: SockAddr; detail?: string },
): SocketError {
  if (error instanceof SocketError) return error;
  const nodeError = error as NodeSystemError | undefined;
  const code = typeof nodeError?.code === 'string' ? nodeError.code : 'EIO';
  const address =
    context.address ??
    (typeof nodeError?.address === 'string' && typeof nodeError.port === 'number'
      ? ([nodeError.address, nodeError.port] as const)
      : undefined);
  return new SocketError({
    code,
    syscall: context.syscall,
    ...(address ? { address } : {}),
    ...(context.detail ? { detail: context.detail } : {}),
    cause: error,
  });
}

/** The fields of Node's system errors (net and dns errors also carry address and port). */
interface NodeSystemError extends Partial<NodeJS.ErrnoException> {
  address?: string;
  port?: number;
}
