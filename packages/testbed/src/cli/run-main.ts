// The shell every example's code runs in: a user's mistake prints one line and exits 2, a failure
// the chapter expects prints one line with its own exit code, and a bug crashes with its stack.
import { explainError, type RunMainOptions } from './explain-error.ts';

/**
 * Runs an example's main function. An error that `explainError` can explain (a UsageError, or
 * whatever `options.explain` knows) becomes one line on stderr and sets process.exitCode; the
 * process then ends by itself, once nothing is left open. Any other error is a bug: the returned
 * promise rejects with it, so Node prints its stack trace and exits with code 1, whether or not
 * the caller awaits it.
 *
 * @example
 * runMain(async () => {
 *   if (process.argv.length > 2) throw new UsageError('this example takes no arguments');
 *   console.log('hello');
 * });
 */
export async function runMain(
  main: () => Promise<void>,
  options: RunMainOptions = {},
): Promise<void> {
  try {
    await main();
  } catch (error) {
    const explained = explainError(error, options);
    if (explained === undefined) throw error;
    process.stderr.write(`${explained.line}\n`);
    process.exitCode = explained.exitCode;
  }
}
