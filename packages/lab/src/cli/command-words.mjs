// Generated from src/cli/commands.ts by `pnpm --filter @netprog/lab generate`: do not edit.
// Read by src/grade/grading-process.mjs before TypeScript is loaded (see command-words.ts).

/** Command words that never start an early grading (`earlyStart: false` in the table). */
export const NOT_GRADING = [
  'check',
  'doctor',
  'export',
  'help',
  'hint',
  'list',
  'mutate',
  'rehash',
  'reset',
  'verify',
  'version',
];

/** Flags that take a value: the word after one is its value, not a lab or a command. */
export const VALUE_FLAGS = [
  '--root',
  '--junit',
  '--labs',
  '--results',
  '--only',
  '--seed',
  '--wire',
  '--format',
  '--submission',
];

/** Flags that ask for help. */
export const HELP_FLAGS = ['--help', '-h'];
