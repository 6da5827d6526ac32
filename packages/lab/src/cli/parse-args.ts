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
  | { readonly kind: 'rehash'; readonly lab?: string }
  | { readonly kind: 'check'; readonly lab?: string }
  | {
      readonly kind: 'grade-all';
      /** Lab selectors from --labs; every lab when undefined. */
      readonly labs?: readonly string[];
      readonly ci: boolean;
      /** --results: the folder for <lab>.json, <lab>.xml and summary.md. */
      readonly results?: string;
      readonly verbose: boolean;
    }
  | {
      readonly kind: 'export';
      readonly dir: string;
      /** Lab selectors from --labs; every lab when undefined. */
      readonly labs?: readonly string[];
      readonly force: boolean;
    };

export type HelpTopic =
  | 'main'
  | 'grade'
  | 'hint'
  | 'reset'
  | 'verify'
  | 'rehash'
  | 'check'
  | 'grade-all'
  | 'export';

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
  labs: { type: 'string' },
  results: { type: 'string' },
  force: { type: 'boolean' },
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
  check: [],
  'grade-all': ['labs', 'ci', 'results', 'verbose'],
  export: ['labs', 'force'],
};
const SUBCOMMANDS = ['hint', 'reset', 'verify', 'rehash', 'check'] as const;
/** Commands of the whole course, not of one lab: `pnpm lab export ../class`. */
const COURSE_COMMANDS = ['grade-all', 'export'] as const;

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
  if (first === 'verify' || first === 'rehash' || first === 'check') {
    tooMany([third, ...extra], `\`pnpm lab ${first}\` takes at most one lab`);
    if (help) return { kind: 'help', topic: first };
    if (first === 'verify')
      return { kind: 'verify', lab: second, verbose: values.verbose === true };
    return { kind: first, lab: second };
  }
  if (first === 'grade-all') {
    if (help) return { kind: 'help', topic: first };
    tooMany(
      positionals.slice(1),
      '`pnpm lab grade-all` takes no lab names: choose labs with --labs chapter3,chapter5',
    );
    return {
      kind: 'grade-all',
      labs: labList(values.labs),
      ci: values.ci === true,
      results: nonEmpty(values.results, '--results needs a folder, e.g. --results lab-results'),
      verbose: values.verbose === true,
    };
  }
  if (first === 'export') {
    if (help) return { kind: 'help', topic: first };
    if (second === undefined || second.trim() === '') {
      throw new UsageError(
        'export needs the folder to write the class copy to, e.g. `pnpm lab export ../netprog-class`',
      );
    }
    tooMany([third, ...extra], '`pnpm lab export` takes one folder');
    return {
      kind: 'export',
      dir: second,
      labs: labList(values.labs),
      force: values.force === true,
    };
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
    case 'check':
      tooMany([third, ...extra], '`check` takes no exercise');
      return { kind: 'check', lab };
  }
}

// --labs chapter3,chapter5 (spaces allowed after the commas); undefined when not given.
function labList(value: string | boolean | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const labs = String(value)
    .split(',')
    .map((lab) => lab.trim())
    .filter((lab) => lab !== '');
  if (labs.length === 0) {
    throw new UsageError(
      '--labs needs lab names separated by commas, e.g. --labs chapter3,chapter5',
    );
  }
  return labs;
}

function nonEmpty(value: string | boolean | undefined, message: string): string | undefined {
  if (value === undefined) return undefined;
  if (String(value).trim() === '') throw new UsageError(message);
  return String(value);
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
  if (
    word === 'grade' ||
    (SUBCOMMANDS as readonly string[]).includes(word) ||
    (COURSE_COMMANDS as readonly string[]).includes(word)
  ) {
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
    case 'check':
    case 'grade-all':
    case 'export':
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
    if (option === '--labs') {
      return '--labs needs lab names separated by commas, e.g. --labs chapter3,chapter5';
    }
    if (option === '--results') return '--results needs a folder, e.g. --results lab-results';
    return `${option} does not take a value: see \`pnpm lab --help\``;
  }
  return `${error.message.split('\n')[0]}: see \`pnpm lab --help\``;
}
