// The shell every program's code runs in: a user's mistake prints one line and exits 2, a failure
// the chapter expects prints one line with its own exit code, and a bug crashes with its stack.
import { explainError, type RunMainOptions } from './explain-error.ts';

/**
 * Runs a program's main function. An error that `explainError` can explain (a UsageError, a
 * listen on a port in use, whatever `options.explain` knows) becomes one line on stderr and sets
 * process.exitCode; the process then ends by itself, once nothing is left open (so main must
 * close what it opened when it fails, as `await using` does). Any other error is a bug: the
 * returned promise rejects with it, so Node prints its stack trace and exits with code 1, whether
 * or not the caller awaits it.
 *
 * @example
 * const command = defineCommand({ name: 'hello.ts', options: { loud: { type: 'boolean' } } });
 * runMain(async () => {
 *   const { loud } = command.parse(); // `hello.ts --quiet` exits 2: "unknown option --quiet; usage: ..."
 *   console.log(loud ? 'HELLO' : 'hello');
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
