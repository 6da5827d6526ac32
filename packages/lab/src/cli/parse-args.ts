// Turns the command line into one Command, or a UsageError that says what is wrong in one line.
// Pure (argv in, command out) so every mistake a student can make is unit-tested.
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';

export interface GradeFlags {
  /** Grade once and exit, even in a terminal. */
  readonly once: boolean;
  /** Keep watching even without a terminal (hidden; for tests and editors' task runners). */
  readonly watch: boolean;
  readonly json: boolean;
  readonly junit?: string;
  readonly solution: boolean;
  /** Fail the run (exit 1) when a protected test file was changed. */
  readonly ci: boolean;
  /** Also print what vitest itself said, for debugging the grader. */
  readonly verbose: boolean;
}

export type Command =
  | { readonly kind: 'help'; readonly topic: HelpTopic }
  | { readonly kind: 'list' }
  | { readonly kind: 'grade'; readonly lab: string; readonly flags: GradeFlags }
  | { readonly kind: 'hint'; readonly lab: string; readonly exercise?: string }
  | {
      readonly kind: 'reset';
      readonly lab: string;
      readonly exercise: string;
      readonly yes: boolean;
    }
  | { readonly kind: 'verify'; readonly lab?: string; readonly verbose: boolean }
  | { readonly kind: 'rehash'; readonly lab?: string };

export type HelpTopic = 'main' | 'grade' | 'hint' | 'reset' | 'verify' | 'rehash';

export interface Parsed {
  readonly command: Command;
  /** --root: the folder whose labs/ to use (default: found from the current folder). */
  readonly root?: string;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  once: { type: 'boolean' },
  watch: { type: 'boolean' },
  json: { type: 'boolean' },
  junit: { type: 'string' },
  solution: { type: 'boolean' },
  ci: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  verbose: { type: 'boolean' },
  root: { type: 'string' },
} as const;
type Flag = keyof typeof OPTIONS;

// Which flags each command accepts (help and root are accepted everywhere).
const ALLOWED: Record<Command['kind'], readonly Flag[]> = {
  help: [],
  list: [],
  grade: ['once', 'watch', 'json', 'junit', 'solution', 'ci', 'verbose'],
  hint: [],
  reset: ['yes'],
  verify: ['verbose'],
  rehash: [],
};
const SUBCOMMANDS = ['hint', 'reset', 'verify', 'rehash'] as const;

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
  let values: Partial<Record<Flag, string | boolean>>;
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
  const root = typeof values.root === 'string' ? values.root : undefined;
  if (command.kind === 'help') return { command, root };
  const allowed = ALLOWED[command.kind];
  for (const flag of Object.keys(values) as Flag[]) {
    if (flag === 'root' || flag === 'help' || allowed.includes(flag)) continue;
    throw new UsageError(
      `--${flag} is not an option of "${command.kind}"; see \`${helpCommandOf(command)}\``,
    );
  }
  if (command.kind === 'grade') checkGradeFlags(command.flags);
  return { command, root };
}

function toCommand(
  positionals: string[],
  values: Partial<Record<Flag, string | boolean>>,
): Command {
  const [first, second, third, ...extra] = positionals;
  const help = values.help === true;
  if (first === undefined) return help ? { kind: 'help', topic: 'main' } : { kind: 'list' };
  if (first === 'help') return { kind: 'help', topic: topicFrom(second) };
  if (first === 'list') {
    tooMany(positionals.slice(1), '`pnpm lab list` takes no arguments');
    return help ? { kind: 'help', topic: 'main' } : { kind: 'list' };
  }
  if (first === 'verify' || first === 'rehash') {
    tooMany([third, ...extra], `\`pnpm lab ${first}\` takes at most one lab`);
    if (help) return { kind: 'help', topic: first };
    return first === 'verify'
      ? { kind: 'verify', lab: second, verbose: values.verbose === true }
      : { kind: 'rehash', lab: second };
  }
  const lab = first;
  if (second === undefined) {
    if (help) return { kind: 'help', topic: 'grade' };
    return {
      kind: 'grade',
      lab,
      flags: {
        once: values.once === true,
        watch: values.watch === true,
        json: values.json === true,
        junit: typeof values.junit === 'string' ? values.junit : undefined,
        solution: values.solution === true,
        ci: values.ci === true,
        verbose: values.verbose === true,
      },
    };
  }
  if (!(SUBCOMMANDS as readonly string[]).includes(second)) {
    throw new UsageError(
      `unknown command "${second}" for lab ${lab}: use one of ${SUBCOMMANDS.join(', ')} (or nothing, to grade); see \`pnpm lab --help\``,
    );
  }
  const sub = second as (typeof SUBCOMMANDS)[number];
  if (help) return { kind: 'help', topic: sub };
  switch (sub) {
    case 'hint':
      tooMany(extra, '`hint` takes at most one exercise');
      return { kind: 'hint', lab, exercise: third };
    case 'reset':
      if (third === undefined) {
        throw new UsageError(
          `reset needs the exercise to restore: \`pnpm lab ${lab} reset <exercise>\``,
        );
      }
      tooMany(extra, '`reset` takes one exercise');
      return { kind: 'reset', lab, exercise: third, yes: values.yes === true };
    case 'verify':
      tooMany([third, ...extra], '`verify` takes no exercise');
      return { kind: 'verify', lab, verbose: values.verbose === true };
    case 'rehash':
      tooMany([third, ...extra], '`rehash` takes no exercise');
      return { kind: 'rehash', lab };
  }
}

function checkGradeFlags(flags: GradeFlags): void {
  if (flags.once && flags.watch)
    throw new UsageError('--once and --watch contradict each other: pick one');
  if (flags.watch && (flags.json || flags.junit !== undefined || flags.ci)) {
    throw new UsageError(
      '--watch cannot be combined with --json, --junit or --ci, which grade once',
    );
  }
  if (flags.junit !== undefined && flags.junit.trim() === '') {
    throw new UsageError('--junit needs a file name, e.g. --junit results.xml');
  }
}

function tooMany(rest: (string | undefined)[], message: string): void {
  const extra = rest.filter((r) => r !== undefined);
  if (extra.length > 0) throw new UsageError(`${message}; unexpected "${extra.join(' ')}"`);
}

function topicFrom(word: string | undefined): HelpTopic {
  if (word === undefined || word === 'help' || word === 'list') return 'main';
  if (word === 'grade' || (SUBCOMMANDS as readonly string[]).includes(word)) {
    return word as HelpTopic;
  }
  throw new UsageError(`no help on "${word}": try \`pnpm lab --help\``);
}

function helpCommandOf(command: Command): string {
  switch (command.kind) {
    case 'grade':
      return `pnpm lab ${command.lab} --help`;
    case 'hint':
    case 'reset':
      return `pnpm lab ${command.lab} ${command.kind} --help`;
    case 'verify':
    case 'rehash':
      return `pnpm lab ${command.kind} --help`;
    default:
      return 'pnpm lab --help';
  }
}

// node:util's messages are long and mention positionals; say what the student typed and what to do.
function explainParseError(error: Error & { code?: string }): string {
  const option = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1] ?? 'that option';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `unknown option ${option}: see \`pnpm lab --help\``;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (option === '--junit') return '--junit needs a file name, e.g. --junit results.xml';
    if (option === '--root') return '--root needs a folder, e.g. --root ../netprog';
    return `${option} does not take a value: see \`pnpm lab --help\``;
  }
  return `${error.message.split('\n')[0]}: see \`pnpm lab --help\``;
}
