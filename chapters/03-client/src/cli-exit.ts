// How the chapter's examples end when something goes wrong: one line on stderr, no stack trace.
// A mistake in what the user typed exits 2 (the usual "usage error" code); a network failure
// (refused, timed out, a malformed reply) exits 1. Anything else is a bug and keeps its stack.
import { SocketError } from '@netprog/socket-core';
import { HttpUrlError } from './http-get.ts';
import { HttpParseError } from './http-response-parser.ts';
import { TargetLookupError, TargetRefusedError } from './loopback-target.ts';
import { PortSpecError } from './port-spec.ts';
import { ScanError } from './scanner.ts';

/** Something wrong with the command line; the message says how to fix it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit code for a mistake in the command line. */
export const EXIT_USAGE = 2;
/** Exit code for a network failure. */
export const EXIT_FAILURE = 1;

/**
 * The exit code and the one line to print for an error, or undefined for an unexpected error
 * (a bug), which should crash with its stack trace.
 *
 * @example
 * describeCliError(new PortSpecError('port 0 ... out of range', '0')) // { code: 2, line: 'error: port 0 ... out of range' }
 */
export function describeCliError(error: unknown): { code: number; line: string } | undefined {
  if (
    error instanceof UsageError ||
    error instanceof PortSpecError ||
    error instanceof TargetRefusedError ||
    error instanceof TargetLookupError ||
    error instanceof HttpUrlError
  ) {
    return { code: EXIT_USAGE, line: `error: ${error.message}` };
  }
  if (
    error instanceof SocketError ||
    error instanceof HttpParseError ||
    error instanceof ScanError
  ) {
    return { code: EXIT_FAILURE, line: `error: ${error.message}` };
  }
  return undefined;
}

/**
 * Runs an example's main function; expected errors become one line on stderr and an exit code.
 *
 * @example
 * await runCli(async () => { ... });
 */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const described = describeCliError(error);
    if (described === undefined) throw error;
    process.stderr.write(`${described.line.split('\n')[0]}\n`);
    process.exitCode = described.code;
  }
}
