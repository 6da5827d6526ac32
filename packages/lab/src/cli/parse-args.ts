// Turns the command line into one Command, or a UsageError that says what is wrong in one line.
// Pure (argv in, command out) so every mistake a student can make is unit-tested. What each
// command takes is in its row of the command table (commands.ts); this file only reads it.
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';
import {
  AFTER_LAB,
  anyRow,
  COMMANDS,
  type Command,
  type CommandName,
  FLAGS,
  type Flag,
  type FlagSpec,
  type FlagValues,
  FROM_COURSE,
  GLOBAL_FLAGS,
  type HelpTopic,
} from './commands.ts';

export type { Command, GradeFlags, HelpTopic } from './commands.ts';

export interface Parsed {
  readonly command: Command;
  /** --root: the folder whose labs/ to use (default: found from the current folder). */
  readonly root?: string;
}

// node:util's parseArgs wants only type and short.
const OPTIONS = Object.fromEntries(
  Object.entries(FLAGS).map(([name, spec]) => [
    name,
    'short' in spec ? { type: spec.type, short: spec.short } : { type: spec.type },
  ]),
) as Record<Flag, { type: 'boolean' | 'string'; short?: string }>;

/**
 * Parses the arguments after `pnpm lab`.
 * @throws UsageError with a one-line message
 * @example
 * parseCommandLine(['chapter3', '--once']).command; // { kind: 'grade', lab: 'chapter3', flags: { once: true, … } }
 * parseCommandLine(['3', 'hint']).command; // { kind: 'hint', lab: '3' }
 */
export function parseCommandLine(argv: readonly string[]): Parsed {
  // `pnpm lab -- --json` passes the `--` through; it means nothing here.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let values: FlagValues;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(explainParseError(error as Error));
  }
  const command = toCommand(positionals, values);
  const root = rootFrom(values.root);
  if (command.kind === 'help') return { command, root };
  const row = anyRow(command.kind);
  for (const flag of Object.keys(values) as Flag[]) {
    if (GLOBAL_FLAGS.includes(flag) || row.flags.includes(flag)) continue;
    throw new UsageError(
      `--${flag} is not an option of "${command.kind}"; see \`${helpCommandOf(command)}\``,
    );
  }
  row.check?.(command);
  return { command, root };
}

function toCommand(positionals: readonly string[], values: FlagValues): Command {
  const [first, second, ...rest] = positionals;
  const help = values.help === true;
  if (first === undefined) {
    if (help) return { kind: 'help', topic: 'main' };
    return values.version === true ? { kind: 'version' } : { kind: 'list' };
  }
  if (first === 'help') return { kind: 'help', topic: topicFrom(second) };
  const course = FROM_COURSE.find((name) => name === first);
  if (course !== undefined) {
    const fromCourse = anyRow(course).fromCourse;
    if (fromCourse) return fromCourse(positionals.slice(1), values);
  }
  const lab = first;
  if (second === undefined) {
    return help ? { kind: 'help', topic: 'grade' } : afterLab('grade', lab, [], values);
  }
  const sub = AFTER_LAB.find((name) => name === second);
  if (sub === undefined) {
    throw new UsageError(
      `unknown command "${second}" for lab ${lab}: use one of ${AFTER_LAB.join(', ')} (or nothing, to grade); see \`pnpm lab --help\``,
    );
  }
  if (help) return { kind: 'help', topic: topicFrom(sub) };
  return afterLab(sub, lab, rest, values);
}

function afterLab(
  name: CommandName,
  lab: string,
  words: readonly string[],
  values: FlagValues,
): Command {
  const parse = anyRow(name).afterLab;
  if (!parse) throw new Error(`${name} has no afterLab in the command table`);
  return parse(lab, words, values);
}

// --root '' would silently mean "find the root"; an empty NETPROG_LAB_ROOT is simply unset.
function rootFrom(value: string | boolean | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.trim() === '') throw new UsageError(FLAGS.root.needs);
  return value;
}

function topicFrom(word: string | undefined): HelpTopic {
  if (word === undefined || word === 'help' || word === 'list') return 'main';
  const name = (Object.keys(COMMANDS) as CommandName[]).find((n) => n === word);
  if (name !== undefined && name !== 'list') return name;
  throw new UsageError(`no help on "${word}": try \`pnpm lab --help\``);
}

function helpCommandOf(command: Exclude<Command, { kind: 'help' }>): string {
  if (command.kind === 'list') return 'pnpm lab --help';
  if (anyRow(command.kind).scope === 'lab' && 'lab' in command) {
    const word = command.kind === 'grade' ? '' : ` ${command.kind}`;
    return `pnpm lab ${command.lab}${word} --help`;
  }
  return `pnpm lab ${command.kind} --help`;
}

// node:util's messages are long and mention positionals; say what the student typed and what to do.
function explainParseError(error: Error & { code?: string }): string {
  const option = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1] ?? 'that option';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `unknown option ${option}: see \`pnpm lab --help\``;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = option.replace(/^-+/, '');
    const spec: FlagSpec | undefined = name in FLAGS ? FLAGS[name as Flag] : undefined;
    return spec?.needs ?? `${option} does not take a value: see \`pnpm lab --help\``;
  }
  return `${error.message.split('\n')[0]}: see \`pnpm lab --help\``;
}
