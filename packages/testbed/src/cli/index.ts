// @netprog/testbed/cli: how every example of the course ends when something goes wrong, so that
// a user's mistake is one line and exit code 2 everywhere (see the house rules in DEVELOPERS.md).

export type { Explanation, RunMainOptions } from './explain-error.ts';
export { explainError } from './explain-error.ts';
export { runMain } from './run-main.ts';
export { EXIT_FAILURE, EXIT_USAGE, UsageError } from './usage-error.ts';
