// The command table (src/cli/commands.ts) is the one place a command is described; the parser,
// the help, the dispatcher and bin/lab.mjs's early start all read it. These check that what is
// derived from it agrees with it.
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { COMMAND_WORDS_FILE, commandWordsModule } from '../src/cli/command-words.ts';
import {
  AFTER_LAB,
  COMMANDS,
  type CommandName,
  FLAGS,
  type Flag,
  FROM_COURSE,
  GLOBAL_FLAGS,
} from '../src/cli/commands.ts';
import { helpText } from '../src/cli/help.ts';
import { parseCommandLine } from '../src/cli/parse-args.ts';
import { mayGrade } from '../src/grade/grading-process.mjs';

const names = Object.keys(COMMANDS) as CommandName[];
/** The words a command cannot do without. */
const needed: Partial<Record<CommandName, string[]>> = { reset: ['connect'], export: ['../class'] };

test('command-words.mjs, which bin/lab.mjs reads before TypeScript runs, is the table’s', async () => {
  const written = await readFile(new URL(`../${COMMAND_WORDS_FILE}`, import.meta.url), 'utf8');
  expect(written, 'run `pnpm --filter @netprog/lab generate`').toBe(commandWordsModule());
});

describe('the early start follows each command’s row', () => {
  test.each(names)('%s', (name) => {
    const row = COMMANDS[name];
    const lines = [
      ...(row.fromCourse ? [[name, ...(needed[name] ?? [])]] : []),
      ...(row.afterLab
        ? [name === 'grade' ? ['chapter3'] : ['chapter3', name, ...(needed[name] ?? [])]]
        : []),
    ];
    expect(lines.length).toBeGreaterThan(0);
    for (const argv of lines) {
      // The argv means this command to the real parser, and the guess agrees with the row.
      expect(parseCommandLine(argv).command.kind).toBe(name);
      expect(mayGrade(argv), argv.join(' ')).toBe(row.earlyStart);
    }
  });

  test('`pnpm lab list` does not start a vitest process (it used to)', () => {
    expect(mayGrade(['list'])).toBe(false);
    expect(mayGrade(['--root', '../netprog', 'list'])).toBe(false);
  });

  test('the value of a flag is not taken for a lab', () => {
    expect(mayGrade(['--root', '/somewhere'])).toBe(false);
    expect(mayGrade(['--root', '/somewhere', 'chapter3'])).toBe(true);
    expect(mayGrade(['grade-all', '--labs', 'list'])).toBe(true);
  });
});

describe('flags', () => {
  test('every flag is taken by some command, or by all', () => {
    const taken = new Set<Flag>([...GLOBAL_FLAGS, ...names.flatMap((n) => COMMANDS[n].flags)]);
    expect([...taken].sort()).toEqual((Object.keys(FLAGS) as Flag[]).sort());
  });

  test('a flag that takes a value says what it needs when it gets none', () => {
    for (const flag of Object.keys(FLAGS) as Flag[]) {
      const spec: { type: string; needs?: string } = FLAGS[flag];
      if (spec.type !== 'string') continue;
      expect(spec.needs, flag).toMatch(new RegExp(`^--${flag} needs `));
      // What the parser says when the value is missing (a flag taken by grade-all or grade).
      const argv = COMMANDS['grade-all'].flags.includes(flag) ? ['grade-all'] : ['chapter3'];
      expect(() => parseCommandLine([...argv, `--${flag}`])).toThrow(spec.needs);
    }
  });
});

describe('help', () => {
  test('the main help has a line for every command, in table order', () => {
    const lines = helpText('main')
      .split('\n')
      .filter((line) => line.startsWith('  pnpm lab'));
    expect(lines.map((line) => line.trim().split(/\s{2,}/)[0])).toEqual(
      names.map((name) => COMMANDS[name].usage),
    );
  });

  test('every command but the list has its own page, starting with how it is typed', () => {
    for (const name of names.filter((n) => n !== 'list')) {
      const page = COMMANDS[name].help ?? '';
      expect(page.startsWith(COMMANDS[name].usage), name).toBe(true);
      expect(parseCommandLine(['help', name]).command).toEqual({ kind: 'help', topic: name });
    }
  });

  test('a command typed after a lab or on its own is in the table once', () => {
    expect([...new Set([...AFTER_LAB, ...FROM_COURSE])].sort()).toEqual(
      names.filter((n) => n !== 'grade').sort(),
    );
  });
});
