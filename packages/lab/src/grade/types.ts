// The grader's data, in two layers: what one vitest run observed (Raw*, close to vitest), and what
// the student is told (ExerciseResult, LabResult: points, status, a message in plain words).
import type { IntegrityProblem } from './integrity.ts';

/** An error as the grader keeps it: plain data, whatever threw it. */
export interface RawError {
  readonly name: string;
  readonly message: string;
  /** For assertion errors: the two sides, already printed by vitest. */
  readonly expected?: string;
  readonly actual?: string;
  /** Stack frames, innermost first, with absolute file paths. */
  readonly frames: readonly { file: string; line: number; column: number }[];
}

export interface RawTest {
  readonly name: string;
  /** Names of the enclosing describe blocks and the test, joined with ' › '. */
  readonly fullName: string;
  readonly state: 'passed' | 'failed' | 'skipped' | 'pending';
  readonly duration: number;
  readonly errors: readonly RawError[];
  /** What the wire showed when it failed (wire-capture.ts), ready to print. */
  readonly wire?: string;
  /** The seed its fixtures drew random choices from, when they made any. */
  readonly seed?: number;
}

/** Why the watchdog stopped a test process, or where a process that died on its own was. */
export interface StopReport {
  /**
   * 'blocked': its event loop stopped turning; 'overdue': it ticked on, but far past its limit;
   * 'budget': the whole file ran past the exercise's budget.
   */
  readonly reason: 'blocked' | 'overdue' | 'budget';
  readonly phase: 'load' | 'hooks' | 'test' | 'cleanup';
  /** The test that was running, for phase 'test'. */
  readonly test?: string;
  readonly limitMs: number;
  /** The exercise's budget for the whole file. */
  readonly budgetMs: number;
  /** How long the file had been running when it was stopped. */
  readonly afterMs: number;
}

/** Everything one run observed about one graded test file. */
export interface RawModule {
  /** Relative to the lab folder: `tests/connect.test.ts`. */
  readonly testFile: string;
  /** vitest's module state; 'pending' means the file never reported back (its process died). */
  readonly state: 'passed' | 'failed' | 'skipped' | 'pending' | 'queued';
  readonly duration: number;
  /** Errors outside any test: import failures, failing hooks, sockets left open, uncaught errors. */
  readonly errors: readonly RawError[];
  readonly tests: readonly RawTest[];
  /** Set when the watchdog killed the file's process because it stopped responding. */
  readonly killed?: StopReport;
  /** Set when the process died without being killed by the grader (crash, signal). */
  readonly died?: Pick<StopReport, 'phase' | 'test'>;
  /** What the student's code printed (console.*, stdout, stderr), capped. */
  readonly output: string;
}

/** What a grading process writes when its run ends. */
export interface RawRun {
  /** One entry per requested file, in the requested order. */
  readonly modules: readonly RawModule[];
  /** Errors that belong to no graded file. */
  readonly unhandled: readonly RawError[];
}

export type ExerciseStatus = 'pass' | 'fail' | 'timeout' | 'error';
export type TestStatus = 'pass' | 'fail' | 'skip';

/** A failure in plain words: what was checked, what was expected, what the code gave. */
export interface Failure {
  readonly test?: string;
  readonly summary: string;
  readonly expected?: string;
  readonly actual?: string;
  /** `exercises/connect.ts:12:5`: where in the student's (or the test's) code it happened. */
  readonly location?: string;
  /** A few lines of context, such as the code frame of a syntax error. */
  readonly detail?: string;
  /** What went over the wire in that test, and what the code was waiting on after a timeout. */
  readonly wire?: string;
  /** Set when the test's fixtures made random choices: they came from this seed. */
  readonly seed?: number;
}

export interface TestResult {
  readonly name: string;
  readonly status: TestStatus;
  readonly duration: number;
  readonly failure?: Failure;
}

export interface ExerciseResult {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly test: string;
  readonly points: number;
  readonly max: number;
  readonly status: ExerciseStatus;
  /** One line for a failing exercise; null when it passes. */
  readonly message: string | null;
  /** The first failure, in detail, for the scoreboard. */
  readonly failure?: Failure;
  readonly duration: number;
  readonly tests: readonly TestResult[];
  readonly output: string;
  /**
   * Set when the exercise scores 0 whatever its tests said, in two words for the scoreboard:
   * 'bad import', 'tampered', 'test count' (the message says what was done).
   */
  readonly forfeit?: string;
}

export type Target = 'exercises' | 'solutions';

export interface LabResult {
  readonly lab: { readonly id: string; readonly title: string; readonly chapter: number };
  readonly target: Target;
  readonly points: number;
  readonly max: number;
  readonly passed: number;
  readonly total: number;
  readonly duration: number;
  /** NETPROG_SEED of this grading: `--seed` replays it. */
  readonly seed?: number;
  /** Protected files that cannot be trusted (integrity.ts); empty when all are the course's. */
  readonly integrity: readonly IntegrityProblem[];
  readonly exercises: readonly ExerciseResult[];
}
