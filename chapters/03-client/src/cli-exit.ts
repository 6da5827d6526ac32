// How the chapter's examples end when something goes wrong: one line on stderr, no stack trace.
// A mistake in what the user typed exits 2 (the usual "usage error" code); a network failure
// (refused, timed out, a malformed reply) exits 1. Anything else is a bug and keeps its stack.
// The shell is the course's shared one (@netprog/cli); this file lists the chapter's own errors
// and which of the two kinds each is.
import { EXIT_FAILURE, EXIT_USAGE, type Explanation, runMain } from '@netprog/cli';
import { SocketError } from '@netprog/socket-core';
import { HttpUrlError } from './http-get.ts';
import { HttpParseError } from './http-response-parser.ts';
import { TargetLookupError, TargetRefusedError } from './loopback-target.ts';
import { PortSpecError } from './port-spec.ts';
import { ScanError } from './scanner.ts';

/**
 * The exit code and the message for one of the chapter's errors, or undefined for an unexpected
 * error (a bug), which should crash with its stack trace. (UsageError, exit 2, needs no entry:
 * the shared runMain knows it.)
 *
 * @example
 * explainCliError(new PortSpecError('port 0 ... out of range', '0')) // { exitCode: 2, message: 'port 0 ... out of range' }
 */
export function explainCliError(error: unknown): Explanation | undefined {
  if (
    error instanceof PortSpecError ||
    error instanceof TargetRefusedError ||
    error instanceof TargetLookupError ||
    error instanceof HttpUrlError
  ) {
    return { exitCode: EXIT_USAGE, message: error.message };
  }
  if (
    error instanceof SocketError ||
    error instanceof HttpParseError ||
    error instanceof ScanError
  ) {
    return { exitCode: EXIT_FAILURE, message: error.message };
  }
  return undefined;
}

/**
 * Runs an example's main function; expected errors become one line on stderr ("error: ...") and
 * an exit code.
 *
 * @example
 * await runCli(async () => { ... });
 */
export function runCli(main: () => Promise<void>): Promise<void> {
  return runMain(main, { explain: explainCliError, prefix: 'error: ' });
}
