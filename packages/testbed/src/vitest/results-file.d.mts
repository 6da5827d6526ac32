// Types of results-file.mjs (JavaScript for the reason shared-config.mjs gives).
import type { Reporter, TestModule, Vitest } from 'vitest/node';

/** The environment variable that turns the reporter on, naming the folder it writes into. */
export const RESULTS_DIR_ENV: 'NETPROG_TEST_RESULTS_DIR';

/** One test's outcome, as written to the results file. */
export interface TestOutcome {
  /** The test file, relative to the package. */
  readonly file: string;
  /** The test's name with its suites': `examples > read-timeout: ...`. */
  readonly name: string;
  readonly state: 'passed' | 'failed' | 'skipped' | 'pending';
  /** How many times vitest tried it again (`retry`) before this outcome. */
  readonly retries: number;
  readonly durationMs: number;
  /** The first error's message, on one line (failed tests only). */
  readonly error?: string;
}

/** A failure outside any test: a file that did not load, a failing hook, an unhandled error. */
export interface RunProblem {
  readonly file: string;
  readonly message: string;
}

/** What one vitest run of one package wrote: `<package>-<pid>.json`. */
export interface ResultsFile {
  readonly package: string;
  readonly reason: 'passed' | 'failed' | 'interrupted';
  readonly tests: readonly TestOutcome[];
  readonly problems: readonly RunProblem[];
}

/** Writes every test's outcome of the run to `<dir>/<package>-<pid>.json`. */
export class ResultsFileReporter implements Reporter {
  constructor(dir: string);
  onInit(vitest: Pick<Vitest, 'config'>): void;
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<{ message?: string }>,
    reason: ResultsFile['reason'],
  ): void;
}
