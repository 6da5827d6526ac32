// One shape for every timeout this chapter raises, so callers (and retry rules) can treat a
// timeout we enforce exactly like the kernel's own: `error.code === 'ETIMEDOUT'`.
import { constants } from 'node:os';

/** A Node-style system error (the shape net and dns errors have), for a timeout we enforced. */
export interface TimeoutErrnoError extends Error {
  code: 'ETIMEDOUT';
  /** Negative, as Node reports errno values: -110 on Linux, -60 on macOS. */
  errno: number;
  syscall: string;
  address?: string;
  port?: number;
  /** The limit that was exceeded, ms. */
  timeoutMs: number;
}

/**
 * Builds the error for "`syscall` got no answer within `timeoutMs`", shaped like the ETIMEDOUT Node
 * reports when the kernel itself gives up, plus the limit that was exceeded.
 *
 * @example
 * timeoutError('connect', 500, { address: '127.0.0.1', port: 9 }).message
 * // 'connect ETIMEDOUT 127.0.0.1:9: no answer within 500 ms (the limit we set; ...)'
 */
export function timeoutError(
  syscall: string,
  timeoutMs: number,
  target: { address?: string; port?: number } = {},
): TimeoutErrnoError {
  const where =
    target.address === undefined
      ? ''
      : ` ${target.address}${target.port === undefined ? '' : `:${target.port}`}`;
  const error = new Error(
    `${syscall} ETIMEDOUT${where}: no answer within ${timeoutMs} ms ` +
      '(the limit we set; the peer may be down, firewalled or overloaded; retry later or raise the limit)',
  ) as TimeoutErrnoError;
  error.code = 'ETIMEDOUT';
  error.errno = -constants.errno.ETIMEDOUT;
  error.syscall = syscall;
  if (target.address !== undefined) error.address = target.address;
  if (target.port !== undefined) error.port = target.port;
  error.timeoutMs = timeoutMs;
  return error;
}
