// The one error class every example throws for a mistake in what the user typed. runMain (in
// run-main.ts) turns it into one line on stderr and exit code 2, with no stack trace.

/** Exit code for a mistake in the command line (the usual "usage error" code). */
export const EXIT_USAGE = 2;
/** Exit code for a failure the example expected and can explain (refused, timed out). */
export const EXIT_FAILURE = 1;

/**
 * A mistake in the command line; the message says what is wrong and how to fix it.
 *
 * @example
 * throw new UsageError(`port must be a number from 1 to 65535, got ${JSON.stringify(text)}`);
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
