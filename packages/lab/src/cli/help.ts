// The --help texts: each command's own page from its row of the command table (commands.ts),
// and the main page built from every row's usage line, so a new command shows up by itself.
import { COMMANDS, type HelpTopic } from './commands.ts';

/**
 * The help text for a topic.
 * @example
 * process.stdout.write(helpText('grade'));
 */
export function helpText(topic: HelpTopic): string {
  if (topic === 'main') return mainHelp();
  return COMMANDS[topic].help ?? mainHelp();
}

function mainHelp(): string {
  const rows = Object.values(COMMANDS);
  const width = Math.max(...rows.map((row) => row.usage.length));
  const usage = rows.map((row) => `  ${row.usage.padEnd(width)}  ${row.summary}`);
  return `pnpm lab: run, grade and watch the course's labs

Usage:
${usage.join('\n')}

<lab> is a lab's id (chapter3), its chapter number (3) or an alias (client).
Add --help to any command for its options. Exit codes: 0 all pass, 1 something fails,
2 the command was wrong (unknown lab, exercise or option).
`;
}
