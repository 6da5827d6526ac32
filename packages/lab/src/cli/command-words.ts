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
  // One line when it fits biome's 100 columns, otherwise one word a line, as biome formats it.
  const list = (name: string, words: readonly string[]) => {
    const line = `export const ${name} = [${words.map((w) => `'${w}'`).join(', ')}];`;
    return line.length <= 100
      ? line
      : `export const ${name} = [\n${words.map((w) => `  '${w}',\n`).join('')}];`;
  };
  return `// Generated from src/cli/commands.ts by \`pnpm --filter @netprog/lab generate\`: do not edit.
// Read by src/grade/grading-process.mjs before TypeScript is loaded (see command-words.ts).

/** Command words that never start an early grading (\`earlyStart: false\` in the table). */
${list('NOT_GRADING', notGrading)}

/** Flags that take a value: the word after one is its value, not a lab or a command. */
${list('VALUE_FLAGS', valueFlags)}

/** Flags that ask for help. */
${list('HELP_FLAGS', helpFlags)}
`;
}
