// What Python raises where socket-core throws, for the examples that print both side by side.
import { errnoReference, type SocketError, SocketTimeoutError } from '@netprog/socket-core';

/**
 * The exception Python raises for the same failure, as the examples print it. Two kinds look
 * alike and are not:
 * - the socket's OWN timeout (settimeout) ran out: socket-core's SocketTimeoutError, Python's
 *   `TimeoutError('timed out')`, whose errno is None: no system call failed, Python's own wait
 *   for the socket did;
 * - the KERNEL gave up (a SYN that got no answer after all its retries, about two minutes): a
 *   SocketError with code ETIMEDOUT and errno 110, Python's `TimeoutError(110, 'Connection timed
 *   out')`.
 * Any other SocketError is the OSError subclass Python picks for its errno (socket-core's
 * errnoReference, checked against Python in test/python-raises.test.ts), with the same number.
 *
 * @example
 * pythonRaises(refused)  // 'ConnectionRefusedError, errno 111'
 * pythonRaises(timedOut) // "TimeoutError('timed out'), errno None"
 */
export function pythonRaises(error: SocketError): string {
  if (error instanceof SocketTimeoutError) return "TimeoutError('timed out'), errno None";
  const python = errnoReference.find((entry) => entry.name === error.code)?.python ?? 'OSError';
  return `${python}, errno ${error.errno}`;
}
