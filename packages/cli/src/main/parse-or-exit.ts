// For a script whose code runs at the top level rather than in a main function (chapter 2's
// examples): read its command line first, and end the process at once on a mistake, before
// anything is opened. Programs with a main function call command.parse() inside runMain instead.
import type { Command } from '../args/define-command.ts';
import { explainError, type RunMainOptions } from './explain-error.ts';

/**
 * `command.parse(argv)`, or, for a mistake, the same one line runMain would print and
 * process.exit(2).
 *
 * @example
 * parseOrExit(defineCommand({ name: 'lifecycle.ts' }));
 * // `lifecycle.ts 8080` prints 'lifecycle.ts takes no arguments, got "8080"' and exits 2
 */
export function parseOrExit<Args>(
  command: Command<Args>,
  argv: readonly string[] = process.argv.slice(2),
  options: Pick<RunMainOptions, 'prefix'> = {},
): Args {
  try {
    return command.parse(argv);
  } catch (error) {
    const explained = explainError(error, options);
    if (explained === undefined) throw error;
    process.stderr.write(`${explained.line}\n`);
    process.exit(explained.exitCode);
  }
}
