// What bin/lab.mjs needs to know of the command table before TypeScript can run: which command
// words never start an early grading, and which flags take a value (so that the word after
// them is not mistaken for a lab). Written as plain JavaScript into command-words.mjs by
// `pnpm --filter @netprog/lab generate`; test/command-table.test.ts checks it is current. Pure.
import { COMMANDS, type CommandName, FLAGS, type Flag } from './commands.ts';

/** The generated file, relative to this package. */
export const COMMAND_WORDS_FILE = 'src/cli/command-words.mjs';

/**
 * The text of command-words.mjs for the current table.
 * @example
 * writeFileSync(COMMAND_WORDS_FILE, commandWordsModule());
 */
export function commandWordsModule(): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  const notGrading = [...names.filter((name) => !COMMANDS[name].earlyStart), 'help'].sort();
  const flags = Object.keys(FLAGS) as Flag[];
  const valueFlags = flags.filter((flag) => FLAGS[flag].type === 'string').map((f) => `--${f}`);
  const helpFlags = ['--help', `-${FLAGS.help.short}`];
  // Formatted as biome formats it: on one line when `export const NAME = [...];` fits in 100
  // columns, else one word a line.
  // (`export const NAME = ` is 27 columns and `;` one: 72 are left for the list).
  const list = (words: readonly string[]) => {
    const quoted = words.map((w) => `'${w}'`);
    const line = `[${quoted.join(', ')}]`;
    return line.length <= 72 ? line : `[\n${quoted.map((w) => `  ${w},\n`).join('')}]`;
  };
  return `// Generated from src/cli/commands.ts by \`pnpm --filter @netprog/lab generate\`: do not edit.
// Read by src/grade/grading-process.mjs before TypeScript is loaded (see command-words.ts).

/** Command words that never start an early grading (\`earlyStart: false\` in the table). */
export const NOT_GRADING = ${list(notGrading)};

/** Flags that take a value: the word after one is its value, not a lab or a command. */
export const VALUE_FLAGS = ${list(valueFlags)};

/** Flags that ask for help. */
export const HELP_FLAGS = ${list(helpFlags)};
`;
}
