// The types of `pnpm lab`'s parsed commands, apart from the table (commands.ts) so that the
// command modules the table loads can use them without importing the table back.
import type { FoundLab } from '../course/discover.ts';
import type { Lab } from '../manifest/types.ts';

/** What `--format` writes: our JSON, Gradescope's results.json, or GitHub Classroom's outputs. */
export const RESULT_FORMATS = ['json', 'gradescope', 'classroom'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

export interface GradeFlags {
  /** Grade once and exit, even in a terminal. */
  readonly once: boolean;
  /** Keep watching even without a terminal (hidden; for tests and editors' task runners). */
  readonly watch: boolean;
  readonly json: boolean;
  /** --format: the document to print instead of the scoreboard (--json is --format json). */
  readonly format?: ResultFormat;
  readonly junit?: string;
  readonly solution: boolean;
  /** Fail the run (exit 1) when a protected test file was changed. */
  readonly ci: boolean;
  /** Also print what vitest itself said, for debugging the grader. */
  readonly verbose: boolean;
  /** --only: grade this exercise alone (once), as typed (an id or a unique start of one). */
  readonly only?: string;
  /** --seed: NETPROG_SEED for the fixtures, to replay a failure exactly. */
  readonly seed?: number;
  /** --wire: grade nothing; print this exercise's transcripts of the last grading, write a pcapng. */
  readonly wire?: string;
}

/** A parsed command line: one variant per row of COMMANDS, plus help. */
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
  | {
      readonly kind: 'verify';
      readonly lab?: string;
      readonly verbose: boolean;
      /** False with --skip-mutants: starters and solutions only. */
      readonly mutants: boolean;
    }
  | { readonly kind: 'rehash'; readonly lab?: string }
  | { readonly kind: 'mutate'; readonly lab?: string }
  | { readonly kind: 'check'; readonly lab?: string }
  | {
      readonly kind: 'grade-all';
      /** Lab selectors from --labs; every lab when undefined. */
      readonly labs?: readonly string[];
      readonly ci: boolean;
      /** --results: the folder for <lab>.json, <lab>.xml and summary.md. */
      readonly results?: string;
      readonly verbose: boolean;
      /** --format: print one document for every lab graded (the scoreboards go to stderr). */
      readonly format?: Exclude<ResultFormat, 'json'>;
      /** --submission: grade the exercise files found in this folder (a Gradescope submission). */
      readonly submission?: string;
    }
  | {
      readonly kind: 'export';
      readonly dir: string;
      /** Lab selectors from --labs; every lab when undefined. */
      readonly labs?: readonly string[];
      readonly force: boolean;
      /** --gradescope: write a Gradescope autograder bundle instead of a class repository. */
      readonly gradescope: boolean;
    }
  | { readonly kind: 'version' }
  | { readonly kind: 'doctor' };

export type CommandName = Exclude<Command['kind'], 'help'>;
/** What `--help` can be about: the main help, or a command with its own page. */
export type HelpTopic = 'main' | Exclude<CommandName, 'list'>;
export type CommandOf<K extends CommandName> = Extract<Command, { readonly kind: K }>;

/** The lab a lab-scoped command is about, and every lab found (read once, by the dispatcher). */
export interface Chosen {
  readonly lab: Lab;
  readonly labs: readonly FoundLab[];
}
