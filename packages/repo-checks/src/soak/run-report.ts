// What one run of the suite found, from the files vitest's results reporter wrote (one per package,
// see @netprog/testbed's results-file.mjs) and the exit codes turbo recorded. Pure: the soak's
// shell (bin/soak.ts) reads the files and prints what format-report.ts makes of this.
import type { ResultsFile } from '@netprog/testbed/vitest/results-file';

/** One turbo task of the run: `@netprog/ch05-timeouts#test`, exit code 1, 34 s. */
export interface TaskOutcome {
  readonly package: string;
  readonly task: string;
  /** null when turbo did not run it (a dependency failed) or it was killed. */
  readonly exitCode: number | null;
  readonly durationMs: number;
}

/** A failed test, or a failure outside any test (a file, a hook, a task that exited non-zero). */
export interface Failure {
  readonly package: string;
  /** `test/examples.test.ts > examples > read-timeout: ...`, or what failed outside a test. */
  readonly test: string;
  readonly message: string;
}

/** A test that passed, but only after vitest tried it again: a near miss. */
export interface Retried {
  readonly package: string;
  readonly test: string;
  readonly retries: number;
}

export interface RunReport {
  readonly tests: number;
  readonly packages: number;
  readonly failures: readonly Failure[];
  readonly retried: readonly Retried[];
  readonly tasks: readonly TaskOutcome[];
}

/**
 * Every failure of the run, each with its package and test. A task that failed without any
 * failure in its results file (a lab's `lab verify`, which grades with its own reporter; a vitest
 * that crashed) is named with the lines of its output that say what went wrong.
 *
 * @example
 * summariseRun(results, tasks, log).failures[0];
 * // { package: '@netprog/ch05-timeouts', test: 'test/examples.test.ts > examples > ...', message: '...too late...' }
 */
export function summariseRun(
  results: readonly ResultsFile[],
  tasks: readonly TaskOutcome[],
  log: string,
): RunReport {
  const failures: Failure[] = [];
  const retried: Retried[] = [];
  let tests = 0;
  for (const file of results) {
    for (const test of file.tests) {
      tests += 1;
      const name = `${test.file} > ${test.name}`;
      if (test.state === 'failed') {
        failures.push({ package: file.package, test: name, message: test.error ?? 'failed' });
      } else if (test.retries > 0) {
        retried.push({ package: file.package, test: name, retries: test.retries });
      }
    }
    for (const problem of file.problems) {
      failures.push({
        package: file.package,
        test: `${problem.file || '(no file)'} (outside any test)`,
        message: problem.message,
      });
    }
  }
  for (const task of tasks) {
    if (task.exitCode === 0 || failures.some((f) => f.package === task.package)) continue;
    failures.push({
      package: task.package,
      test: `${task.task} task (${task.exitCode === null ? 'did not finish' : `exit code ${task.exitCode}`})`,
      message: failureLines(log, task).join(' | ') || 'no failure lines in its output',
    });
  }
  return { tests, packages: new Set(results.map((r) => r.package)).size, failures, retried, tasks };
}

/** Lines of a turbo log that belong to `task` and say something failed (at most 8). */
export function failureLines(log: string, task: Pick<TaskOutcome, 'package' | 'task'>): string[] {
  const prefix = `${task.package}:${task.task}: `;
  return (
    log
      .split('\n')
      .filter((line) => line.startsWith(prefix))
      .map((line) => line.slice(prefix.length).trim())
      // lab verify marks a failed check with ✗ and its problems with "-"; vitest says FAIL/×/Error.
      .filter((line) => /^(✗|×|FAIL\b|- )|Error\b|failed|did not/.test(line))
      .slice(0, 8)
  );
}
