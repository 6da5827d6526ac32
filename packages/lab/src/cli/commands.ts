// The one table of `pnpm lab`'s commands, in the spirit of rustlings' `enum Command`: for each,
// its name, scope, flags, positional words, help text and loader. Everything else reads it: the
// parser (parse-args.ts), the help (help.ts), the dispatcher (main.ts) and, through the generated
// command-words.mjs, bin/lab.mjs's guess whether to start a grading process early.
//
// To add a command (say `mutate [lab]`): add its variant to `Command` in command-types.ts, then
// its row to COMMANDS (the compiler asks for it): usage and summary (its line in `pnpm lab
// --help`, in table order), flags, `earlyStart`, its help page, `fromCourse` for `pnpm lab NAME …`
// and/or `afterLab` for `pnpm lab <lab> NAME …` (each reads its words and flags and throws
// UsageError on a wrong count; `optionalLab` writes both for a command about one lab or all), and
// `load`, which imports the command's module only when it runs. With `scope: 'lab'` the
// dispatcher picks the lab first. Then run `pnpm --filter @netprog/lab generate`
// (test/command-table.test.ts says so if you forget).
// To add a flag: add it to FLAGS (with `needs`, the one-line error, if it takes a value), list it
// in the `flags` of each command that takes it, read it in their parse functions and describe it
// in their help. A flag of every command (like --root) goes in GLOBAL_FLAGS and parse-args.ts.
import type { Context } from '../context.ts';
import { UsageError } from '../errors.ts';
import {
  type Chosen,
  type Command,
  type CommandName,
  type CommandOf,
  type HelpTopic,
  RESULT_FORMATS,
  type ResultFormat,
} from './command-types.ts';

export type {
  Chosen,
  Command,
  CommandName,
  CommandOf,
  GradeFlags,
  HelpTopic,
  ResultFormat,
} from './command-types.ts';

export interface FlagSpec {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
  /** For a flag that takes a value: the one line to print when it has none. */
  readonly needs?: string;
}

/** Every flag of every command; each command lists the ones it takes. */
export const FLAGS = {
  help: { type: 'boolean', short: 'h' },
  root: { type: 'string', needs: '--root needs a folder, e.g. --root ../netprog' },
  once: { type: 'boolean' },
  watch: { type: 'boolean' },
  json: { type: 'boolean' },
  junit: { type: 'string', needs: '--junit needs a file name, e.g. --junit results.xml' },
  solution: { type: 'boolean' },
  ci: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  verbose: { type: 'boolean' },
  labs: {
    type: 'string',
    needs: '--labs needs lab names separated by commas, e.g. --labs chapter3,chapter5',
  },
  results: { type: 'string', needs: '--results needs a folder, e.g. --results lab-results' },
  force: { type: 'boolean' },
  only: { type: 'string', needs: '--only needs an exercise, e.g. --only http-get' },
  seed: { type: 'string', needs: '--seed needs a whole number, e.g. --seed 42' },
  wire: { type: 'string', needs: '--wire needs an exercise, e.g. --wire http-get' },
  format: {
    type: 'string',
    needs: `--format needs one of ${RESULT_FORMATS.join(', ')}, e.g. --format gradescope`,
  },
  submission: {
    type: 'string',
    needs: '--submission needs a folder, e.g. --submission /autograder/submission',
  },
  gradescope: { type: 'boolean' },
  version: { type: 'boolean' },
  'skip-mutants': { type: 'boolean' },
} as const satisfies Record<string, FlagSpec>;

export type Flag = keyof typeof FLAGS;
export type FlagValues = Partial<Record<Flag, string | boolean>>;

/** Flags every command takes. */
export const GLOBAL_FLAGS: readonly Flag[] = ['help', 'root'];

interface RowBase<C> {
  /** Its line in `pnpm lab --help`: how it is typed, and what it does. */
  readonly usage: string;
  readonly summary: string;
  /** The flags it takes, beside GLOBAL_FLAGS. */
  readonly flags: readonly Flag[];
  /** Whether bin/lab.mjs may start a grading process for it before the CLI loads (see grading-process.mjs). */
  readonly earlyStart: boolean;
  /** Its --help page (none: the main help). */
  readonly help?: string;
  /** `pnpm lab NAME words…`: the words after its name. Throws UsageError for a wrong count. */
  readonly fromCourse?: (words: readonly string[], values: FlagValues) => C | HelpCommand;
  /** `pnpm lab <lab> NAME words…` (for grade, `pnpm lab <lab>`). */
  readonly afterLab?: (lab: string, words: readonly string[], values: FlagValues) => C;
  /** Checks that need every flag at once (after each was found to belong to the command). */
  readonly check?: (command: C) => void;
}

interface LabRow<C> extends RowBase<C> {
  /** The dispatcher selects the lab first and hands it over. */
  readonly scope: 'lab';
  readonly load: () => Promise<(context: Context, command: C, chosen: Chosen) => Promise<number>>;
}

interface CourseRow<C> extends RowBase<C> {
  /** The command finds its labs itself (some take none, or several). */
  readonly scope: 'course';
  readonly load: () => Promise<(context: Context, command: C) => Promise<number>>;
}

export type Row<C> = LabRow<C> | CourseRow<C>;
type HelpCommand = Extract<Command, { readonly kind: 'help' }>;

const help = (topic: HelpTopic): HelpCommand => ({ kind: 'help', topic });

/** The commands, in the order `pnpm lab --help` lists them. */
export const COMMANDS: { readonly [K in CommandName]: Row<CommandOf<K>> } = {
  list: {
    scope: 'course',
    usage: 'pnpm lab',
    summary: 'list every lab with your progress and what to do next',
    flags: [],
    earlyStart: false,
    fromCourse: (words, values) => {
      tooMany(words, '`pnpm lab list` takes no arguments');
      return values.help === true ? help('main') : { kind: 'list' };
    },
    load: async () => (await import('../commands/list.ts')).listCommand,
  },
  grade: {
    scope: 'lab',
    usage: 'pnpm lab <lab>',
    summary: 'grade a lab; in a terminal, re-grade on every save',
    flags: [
      'once',
      'watch',
      'json',
      'format',
      'junit',
      'solution',
      'ci',
      'verbose',
      'only',
      'seed',
      'wire',
    ],
    earlyStart: true,
    help: `pnpm lab <lab> [options]: grade a lab and show the scoreboard

In a terminal the lab's exercises/ folder is then watched and re-graded on every save, until
Ctrl-C (keys: r re-grade, h hint, q quit). Without a terminal (CI, a pipe) it grades once.

Options:
  --once         grade once and exit, even in a terminal
  --json         print the results as JSON (grades once)
  --format F     print the results for a platform instead (grades once): json (as --json),
                 gradescope (Gradescope's results.json), classroom (GitHub Classroom's
                 runner results, as $GITHUB_OUTPUT lines)
  --junit FILE   also write JUnit XML to FILE (grades once)
  --ci           fail (exit 1) when a protected test file was changed; grades once
  --solution     grade the reference solutions instead of your exercises (authors, teachers)
  --verbose      also print what vitest itself reported (for debugging the grader)
  --only EX      grade only the exercise EX, once
  --seed N       the seed for the test fixtures' random choices (loss, delays, dribbling): a
                 failure prints the one it used, and --seed N --only EX replays it exactly
  --wire EX      grade nothing: print everything the wire showed in EX's tests at the last
                 grading, and write it to a .pcapng file for Wireshark
  --root DIR     use the labs in DIR/labs instead of this repository's

Examples:
  pnpm lab chapter3
  pnpm lab 3 --once
  pnpm lab client --ci --json > results.json
  pnpm lab chapter6 --seed 42 --only pinger
  pnpm lab chapter3 --wire http-get
  pnpm lab 3 --format gradescope > results.json
`,
    afterLab: (lab, _words, values) => ({
      kind: 'grade',
      lab,
      flags: {
        once: values.once === true,
        watch: values.watch === true,
        json: values.json === true,
        format: resultFormat(values.format),
        junit: typeof values.junit === 'string' ? values.junit : undefined,
        solution: values.solution === true,
        ci: values.ci === true,
        verbose: values.verbose === true,
        only: nonEmpty(values.only, FLAGS.only.needs),
        seed: seedOf(values.seed),
        wire: nonEmpty(values.wire, FLAGS.wire.needs),
      },
    }),
    check: ({ flags }) => {
      if (flags.wire !== undefined) {
        const grading = (['once', 'watch', 'json', 'format', 'ci', 'only', 'seed'] as const).filter(
          (flag) => flags[flag] !== undefined && flags[flag] !== false,
        );
        if (grading.length > 0 || flags.junit !== undefined) {
          const named = [...grading, ...(flags.junit === undefined ? [] : ['junit'])];
          throw new UsageError(
            `--wire shows the last grading and grades nothing, so it cannot be combined with ${named.map((f) => `--${f}`).join(', ')}: grade first, then run --wire alone`,
          );
        }
      }
      if (flags.only !== undefined && flags.watch) {
        throw new UsageError(
          '--only grades one exercise once, so it cannot be combined with --watch',
        );
      }
      if (flags.once && flags.watch)
        throw new UsageError('--once and --watch contradict each other: pick one');
      if (
        flags.watch &&
        (flags.json || flags.format !== undefined || flags.junit !== undefined || flags.ci)
      ) {
        throw new UsageError(
          '--watch cannot be combined with --json, --format, --junit or --ci, which grade once',
        );
      }
      if (flags.json && flags.format !== undefined && flags.format !== 'json') {
        throw new UsageError(
          `--json and --format ${flags.format} both choose what to print: pick one`,
        );
      }
      if (flags.junit !== undefined && flags.junit.trim() === '') {
        throw new UsageError(FLAGS.junit.needs);
      }
    },
    load: async () => {
      const { gradeCommand } = await import('../commands/grade.ts');
      return (context, command, chosen) => gradeCommand(context, chosen, command.flags);
    },
  },
  hint: {
    scope: 'lab',
    usage: 'pnpm lab <lab> hint [exercise]',
    summary: 'show one more hint (for the first unfinished exercise by default)',
    flags: [],
    earlyStart: false,
    help: `pnpm lab <lab> hint [exercise]: show the next hint

Each time you ask for the same exercise, one more hint is revealed (the earlier ones are shown
again). Without an exercise, hints are for the first exercise that does not pass yet.

Example:
  pnpm lab chapter3 hint connect
`,
    afterLab: (lab, [exercise, ...extra]) => {
      tooMany(extra, '`hint` takes at most one exercise');
      return { kind: 'hint', lab, exercise };
    },
    load: async () => {
      const { hintCommand } = await import('../commands/hint.ts');
      return (context, command, { lab }) => hintCommand(context, lab, command.exercise);
    },
  },
  reset: {
    scope: 'lab',
    usage: 'pnpm lab <lab> reset <exercise>',
    summary: "restore an exercise's starter (your version is backed up)",
    flags: ['yes'],
    earlyStart: false,
    help: `pnpm lab <lab> reset <exercise> [--yes]: restore an exercise's starter

Asks for confirmation (or pass --yes), then saves your current file in the lab's .lab/backups/
folder and puts the original starter back.

Example:
  pnpm lab chapter3 reset connect
`,
    afterLab: (lab, [exercise, ...extra], values) => {
      if (exercise === undefined) {
        throw new UsageError(
          `reset needs the exercise to restore: \`pnpm lab ${lab} reset <exercise>\``,
        );
      }
      tooMany(extra, '`reset` takes one exercise');
      return { kind: 'reset', lab, exercise, yes: values.yes === true };
    },
    load: async () => {
      const { resetCommand } = await import('../commands/reset.ts');
      return (context, command, { lab }) =>
        resetCommand(context, lab, command.exercise, command.yes);
    },
  },
  check: {
    scope: 'course',
    usage: 'pnpm lab check [lab]',
    summary: 'the graded tests are the ones lab.json records',
    flags: [],
    earlyStart: false,
    help: `pnpm lab check [lab]: check that the graded tests are the course's

For every lab (or the one named): lab.json is valid, every graded test file matches its hash in
lab.json, and every tests/*.test.ts belongs to an exercise. It grades nothing, so it passes
whatever your exercises hold; it is each lab's \`pnpm test\` in a class copy of the course, where
verify cannot run. Exits 1 on any problem.

Example:
  pnpm lab check chapter3
`,
    ...optionalLab('check', (lab) => ({ kind: 'check', lab })),
    load: async () => {
      const { checkCommand } = await import('../commands/check.ts');
      return (context, command) => checkCommand(context, command.lab);
    },
  },
  verify: {
    scope: 'course',
    usage: 'pnpm lab verify [lab]',
    summary: 'authors: starters fail, solutions pass, mutants lose points',
    flags: ['verbose', 'skip-mutants'],
    earlyStart: false,
    help: `pnpm lab verify [lab]: check that a lab is fair (for authors and CI)

For every lab (or the one named): the graded test files match the hashes in lab.json, the
exercises are the recorded starters, every graded test fails on the starters, every exercise
passes with full marks on the reference solutions, and every recorded mutant
(mutants/<exercise>/<mistake>.ts) loses points. Exits 1 on any problem.

Options:
  --verbose       also print what vitest itself reported
  --skip-mutants  leave out the mutants (seconds instead of minutes): \`pnpm test\` runs this,
                  CI then runs \`pnpm test:mutants\` for the whole check

Example:
  pnpm lab verify chapter3
`,
    ...optionalLab('verify', (lab, values) => ({
      kind: 'verify',
      lab,
      verbose: values.verbose === true,
      mutants: values['skip-mutants'] !== true,
    })),
    load: async () => {
      const { verifyCommand } = await import('../commands/verify.ts');
      return (context, command) =>
        verifyCommand(context, command.lab, { verbose: command.verbose, mutants: command.mutants });
    },
  },
  rehash: {
    scope: 'course',
    usage: 'pnpm lab rehash [lab]',
    summary: 'authors: record the hashes of tests and starters in lab.json',
    flags: [],
    earlyStart: false,
    help: `pnpm lab rehash [lab]: record hashes in lab.json (for authors)

Writes testHashes (every graded test file) and starterHashes (every exercise starter) into the
lab.json of every lab (or the one named). Run it after changing a test or a starter, on a clean
checkout: the starters must be the originals. Then commit lab.json with the change.

Example:
  pnpm lab rehash chapter3
`,
    ...optionalLab('rehash', (lab) => ({ kind: 'rehash', lab })),
    load: async () => {
      const { rehashCommand } = await import('../commands/rehash.ts');
      return (context, command) => rehashCommand(context, command.lab);
    },
  },
  mutate: {
    scope: 'course',
    usage: 'pnpm lab mutate [lab]',
    summary: 'authors: mutation-test the graded tests with StrykerJS',
    flags: [],
    earlyStart: false,
    help: `pnpm lab mutate [lab]: mutation-test the graded tests (for authors; takes minutes)

Runs StrykerJS with its vitest runner over the reference solutions of every lab (or the one
named), with the graded tests, and prints each exercise's score: killed / (total − equivalent).
Every surviving mutant must be killed by a better test, or listed in mutants/equivalent.json with
the reason no test can kill it. StrykerJS mutates the solutions in place; the lab is put back as
it was when it ends, also on Ctrl-C (a run killed outright is put back by the next one). Exits 1
when an exercise scores below 90% or a survivor is not explained.

Example:
  pnpm lab mutate chapter1
`,
    ...optionalLab('mutate', (lab) => ({ kind: 'mutate', lab })),
    load: async () => {
      const { mutateCommand } = await import('../commands/mutate.ts');
      return (context, command) => mutateCommand(context, command.lab);
    },
  },
  'grade-all': {
    scope: 'course',
    usage: 'pnpm lab grade-all',
    summary: 'teachers, CI: grade every lab once, with a summary',
    flags: ['labs', 'ci', 'results', 'verbose', 'format', 'submission'],
    earlyStart: true,
    help: `pnpm lab grade-all [options]: grade every lab once (for teachers and CI)

Grades each lab in turn (a lab that fails does not stop the others), prints each scoreboard and
a summary of all. Exits 0 when every exercise of every lab passes, 1 otherwise.

Options:
  --labs LIST    only these labs, e.g. --labs chapter3,chapter5 (ids, numbers or aliases)
  --ci           also fail (exit 1) when a graded test file does not match lab.json
  --results DIR  write DIR/<lab>.json, DIR/<lab>.xml (JUnit) and DIR/summary.md (Markdown)
  --format F     print one document for every lab graded on stdout (the scoreboards go to
                 stderr): gradescope (Gradescope's results.json) or classroom (GitHub
                 Classroom's runner results, as $GITHUB_OUTPUT lines)
  --submission DIR
                 grade the exercise files found in DIR (a student's submission: a copy of the
                 repository, or the exercise files alone) instead of labs/*/exercises/
  --verbose      also print what vitest itself reported

Examples:
  pnpm lab grade-all --ci --results lab-results
  pnpm lab grade-all --format gradescope > results.json
`,
    fromCourse: (words, values) => {
      if (values.help === true) return help('grade-all');
      tooMany(
        words,
        '`pnpm lab grade-all` takes no lab names: choose labs with --labs chapter3,chapter5',
      );
      return {
        kind: 'grade-all',
        labs: labList(values.labs),
        ci: values.ci === true,
        results: nonEmpty(values.results, FLAGS.results.needs),
        verbose: values.verbose === true,
        format: platformFormat(values.format),
        submission: nonEmpty(values.submission, FLAGS.submission.needs),
      };
    },
    load: async () => (await import('../commands/grade-all.ts')).gradeAllCommand,
  },
  export: {
    scope: 'course',
    usage: 'pnpm lab export <dir>',
    summary: "teachers: write a class's copy of the course, without solutions",
    flags: ['labs', 'force', 'gradescope'],
    earlyStart: false,
    help: `pnpm lab export <dir> [options]: write a class's copy of the course (for teachers)

Writes into <dir> the files of the course's last commit that git tracks, without any reference
solutions (labs/*/solutions/), plus netprog-class.json (marks a student copy: --solution and
verify refuse there) and .github/workflows/grade.yml (grades every lab on each push). Each lab's
test script runs \`pnpm lab check\` instead of verify, so \`pnpm test\` passes in the copy.
<dir> must be outside this repository, and new or empty (a lone .git is fine).

Options:
  --labs LIST    only these labs, e.g. --labs chapter3,chapter5; the other labs and docs/ (the
                 course site, built from every lab) are left out
  --force        <dir> is not empty: delete everything in it but .git, then export (to update a
                 class repository from the course: review \`git diff\` there, then commit); says
                 which labs changed since the course version <dir> was exported from
  --gradescope   write a Gradescope autograder bundle instead: setup.sh, run_autograder and
                 the course (without solutions), with pinned Node, pnpm and course versions;
                 zip the folder's contents and upload it as the assignment's autograder

Examples:
  pnpm lab export ../netprog-class
  pnpm lab export ../net-101 --labs 3,5
  pnpm lab export --gradescope ../net-101-autograder --labs 3
`,
    fromCourse: ([dir, ...extra], values) => {
      if (values.help === true) return help('export');
      if (dir === undefined || dir.trim() === '') {
        throw new UsageError(
          'export needs the folder to write the class copy to, e.g. `pnpm lab export ../netprog-class`',
        );
      }
      tooMany(extra, '`pnpm lab export` takes one folder');
      return {
        kind: 'export',
        dir,
        labs: labList(values.labs),
        force: values.force === true,
        gradescope: values.gradescope === true,
      };
    },
    load: async () => (await import('../commands/export.ts')).exportCommand,
  },
  version: {
    scope: 'course',
    usage: 'pnpm lab --version',
    summary: 'print the course version (the one a class copy was exported from)',
    flags: ['version'],
    earlyStart: false,
    help: `pnpm lab --version: print the course version

The version of the course (the root package.json's), alone on its line: in a class copy, the
course version it was exported from. Also \`pnpm lab version\`.
`,
    fromCourse: (words, values) => {
      tooMany(words, '`pnpm lab --version` takes no arguments');
      return values.help === true ? help('version') : { kind: 'version' };
    },
    load: async () => (await import('../commands/version.ts')).versionCommand,
  },
  doctor: {
    scope: 'course',
    usage: 'pnpm lab doctor',
    summary: 'check that this machine can run the course, and say what to fix',
    flags: [],
    earlyStart: false,
    help: `pnpm lab doctor: check that this machine can run the course

Prints one line per check, ✓ when it works, ! for a warning, ✗ for a blocker, each with what
to do: the platform, the Node and pnpm versions (against package.json's engines and
packageManager), a TCP echo on loopback IPv4 (127.0.0.1) and IPv6 (::1), whether /etc/hosts
answers localhost for both families (read from the file: doctor looks up no name), the
ephemeral port range, and, for every lab, that the testbed fixtures its graded tests use start
and close. Every check has a time limit. Exits 1 when a check found a blocker, 0 otherwise
(warnings do not fail).

Example:
  pnpm lab doctor
`,
    fromCourse: (words, values) => {
      tooMany(words, '`pnpm lab doctor` takes no arguments');
      return values.help === true ? help('doctor') : { kind: 'doctor' };
    },
    load: async () => (await import('../commands/doctor.ts')).doctorCommand,
  },
};

/**
 * The row of a command, for code that handles every command alike (the parser, the dispatcher).
 * @example
 * anyRow('hint').flags; // []
 */
export function anyRow(name: CommandName): Row<Command> {
  // Each row is typed with its own command; the parser and the dispatcher only ever hand a row
  // the command it built itself, which TypeScript cannot follow through the name.
  return COMMANDS[name] as unknown as Row<Command>;
}

/** Commands that may follow a lab (`pnpm lab 3 hint`), in table order; grade has no word. */
export const AFTER_LAB = (Object.keys(COMMANDS) as CommandName[]).filter(
  (name) => name !== 'grade' && COMMANDS[name].afterLab !== undefined,
);

/** Commands typed on their own (`pnpm lab verify`). */
export const FROM_COURSE = (Object.keys(COMMANDS) as CommandName[]).filter(
  (name) => COMMANDS[name].fromCourse !== undefined,
);

/**
 * The words of a command about one lab or all: `pnpm lab NAME [lab]`, or `pnpm lab <lab> NAME`.
 * @example
 * ...optionalLab('check', (lab) => ({ kind: 'check', lab }))
 */
function optionalLab<C>(
  name: HelpTopic,
  build: (lab: string | undefined, values: FlagValues) => C,
): Pick<RowBase<C>, 'fromCourse' | 'afterLab'> {
  return {
    fromCourse: ([lab, ...extra], values) => {
      tooMany(extra, `\`pnpm lab ${name}\` takes at most one lab`);
      return values.help === true ? help(name) : build(lab, values);
    },
    afterLab: (lab, words, values) => {
      tooMany(words, `\`${name}\` takes no exercise`);
      return build(lab, values);
    },
  };
}

/**
 * Throws a UsageError when `words` holds anything.
 * @example
 * tooMany(['b'], '`hint` takes at most one exercise'); // throws: …; unexpected "b"
 */
export function tooMany(words: readonly (string | undefined)[], message: string): void {
  const extra = words.filter((word) => word !== undefined);
  if (extra.length > 0) throw new UsageError(`${message}; unexpected "${extra.join(' ')}"`);
}

// --labs chapter3,chapter5 (spaces allowed after the commas); undefined when not given.
function labList(value: string | boolean | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const labs = String(value)
    .split(',')
    .map((lab) => lab.trim())
    .filter((lab) => lab !== '');
  if (labs.length === 0) throw new UsageError(FLAGS.labs.needs);
  return labs;
}

// --seed 42: a whole number the fixtures' generator takes (32 bits).
function seedOf(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const seed = Number(text);
  if (!/^\d+$/.test(text) || seed > 2 ** 32 - 1) {
    throw new UsageError(
      `--seed must be a whole number from 0 to ${2 ** 32 - 1}, e.g. --seed 42; got "${String(value)}"`,
    );
  }
  return seed;
}

// --format for a single lab: any of RESULT_FORMATS; undefined when not given.
function resultFormat(value: string | boolean | undefined): ResultFormat | undefined {
  if (value === undefined) return undefined;
  const format = RESULT_FORMATS.find((f) => f === String(value).trim());
  if (format === undefined) {
    throw new UsageError(
      `--format ${String(value)} is not a format: use one of ${RESULT_FORMATS.join(', ')}`,
    );
  }
  return format;
}

// --format for grade-all: one document for many labs, so gradescope or classroom (--results DIR
// writes each lab's JSON).
function platformFormat(
  value: string | boolean | undefined,
): Exclude<ResultFormat, 'json'> | undefined {
  const format = resultFormat(value);
  if (format === 'json') {
    throw new UsageError(
      '--format json prints one lab: grade-all writes each lab’s JSON with --results DIR, or use --format gradescope or classroom',
    );
  }
  return format;
}

function nonEmpty(value: string | boolean | undefined, message: string): string | undefined {
  if (value === undefined) return undefined;
  if (String(value).trim() === '') throw new UsageError(message);
  return String(value);
}
