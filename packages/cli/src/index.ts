// @netprog/cli: the command-line shell every program of the course runs in (chapters' examples,
// bench commands, testbed's tour). Arguments are declared once and read with node:util's
// parseArgs; a user's mistake (a bad argument, a port in use) is one line on stderr and exit
// code 2, never a stack trace. See the README for what belongs here and what in testbed.

// Reading the command line.
export type { Command } from './args/define-command.ts';
export { defineCommand } from './args/define-command.ts';
export { readInteger } from './args/read-integer.ts';
export type {
  CommandSpec,
  FlagOption,
  IntegerOption,
  IntegerPositional,
  OptionSpec,
  ParsedArgs,
  PositionalSpec,
  TextOption,
  TextPositional,
} from './args/spec.ts';
export { usageLine } from './args/usage-line.ts';

// How a program ends when something goes wrong.
export type { Explanation, RunMainOptions } from './main/explain-error.ts';
export { explainError } from './main/explain-error.ts';
export { explainListenError } from './main/listen-error.ts';
export { parseOrExit } from './main/parse-or-exit.ts';
export { runMain } from './main/run-main.ts';
export { EXIT_FAILURE, EXIT_USAGE, UsageError } from './main/usage-error.ts';
