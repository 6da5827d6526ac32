// Decides what a program prints when its main function fails: pure, so the rule is tested
// without starting a process. run-main.ts is the shell that prints it and sets the exit code.
import { explainListenError } from './listen-error.ts';
import { EXIT_USAGE, UsageError } from './usage-error.ts';

/** What to print for an error the program expected, and the exit code to end with. */
export interface Explanation {
  readonly exitCode: number;
  /** Only its first line is printed: the house rule is one line, never a stack trace. */
  readonly message: string;
}

export interface RunMainOptions {
  /**
   * The chapter's own expected errors besides UsageError and listen errors (a refused connect, a
   * malformed reply): return how to report one, or undefined for an error that is a bug and
   * should crash.
   */
  readonly explain?: (error: unknown) => Explanation | undefined;
  /** Put before the printed line, e.g. 'error: ' (default: nothing). */
  readonly prefix?: string;
}

/**
 * The exit code and the one line to print for `error`, or undefined when it is a bug, which
 * should crash with its stack trace. A UsageError always exits 2, and so does a listen that failed
 * for a reason the user can fix (a port in use, a privileged port, an address not on this
 * machine: see listen-error.ts), whatever `explain` would say; `explain` decides the rest.
 *
 * @example
 * explainError(new UsageError('give a port'), { prefix: 'error: ' })
 * // { exitCode: 2, line: 'error: give a port' }
 * explainError(new TypeError('x is undefined')) // undefined: a bug
 */
export function explainError(
  error: unknown,
  options: RunMainOptions = {},
): { exitCode: number; line: string } | undefined {
  const explained =
    error instanceof UsageError
      ? { exitCode: EXIT_USAGE, message: error.message }
      : (explainListenError(error) ?? options.explain?.(error));
  if (explained === undefined) return undefined;
  const [firstLine = ''] = explained.message.split('\n');
  return { exitCode: explained.exitCode, line: `${options.prefix ?? ''}${firstLine}` };
}
