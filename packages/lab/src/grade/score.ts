// Scoring rules, pure and in one place (README.md "Scoring" says the same in prose):
//  - points come only from lab.json; an exercise's points are split evenly over the tests in
//    its test file: points = floor(max × passed / tests);
//  - full points only for a clean pass: every test passed and nothing went wrong outside the
//    tests (a socket left open, a failing hook, an uncaught error), otherwise at most max − 1;
//  - a file whose process had to be stopped (timeout), died, or could not even load scores 0.
import type { ExerciseManifest } from '../manifest/types.ts';
import { explainError } from './explain-failure.ts';
import { TAMPER_ERROR } from './guard-names.ts';
import { backstopMs } from './limits.ts';
import type {
  ExerciseResult,
  ExerciseStatus,
  Failure,
  RawModule,
  RawTest,
  TestResult,
} from './types.ts';

/**
 * Points for `passed` of `total` tests; `clean` is false when something failed outside the tests.
 * @example
 * pointsFor(10, 2, 3, true); // 6
 * pointsFor(10, 3, 3, false); // 9
 */
export function pointsFor(max: number, passed: number, total: number, clean: boolean): number {
  if (total === 0) return 0;
  if (passed === total && clean) return max;
  return Math.min(Math.floor((max * passed) / total), max - 1);
}

/**
 * Grades one exercise from what its test file did.
 * @example
 * const result = scoreExercise(exercise, run.modules[0], lab.dir);
 * result.status; // 'fail'
 */
export function scoreExercise(
  exercise: ExerciseManifest,
  raw: RawModule | undefined,
  labDir: string,
  interrupted?: string,
): ExerciseResult {
  const base = {
    id: exercise.id,
    title: exercise.title,
    file: exercise.file,
    test: exercise.test,
    max: exercise.points,
    duration: raw?.duration ?? 0,
    output: raw?.output ?? '',
  };
  const tests = (raw?.tests ?? []).map((test) => toTestResult(test, labDir));
  const zero = (status: ExerciseStatus, failure: Failure): ExerciseResult => ({
    ...base,
    points: 0,
    status,
    message: oneLine(failure),
    failure,
    tests,
  });

  if (raw?.killed) {
    const { phase, test, limitMs, reason } = raw.killed;
    const what =
      phase === 'test'
        ? 'never finished'
        : phase === 'load'
          ? `loading ${exercise.file} never finished`
          : `the ${phase === 'cleanup' ? 'cleanup after' : 'setup before'} the tests never finished`;
    const why =
      reason === 'blocked'
        ? `still running past the ${limitMs} ms limit without ever giving control back (an infinite loop? a busy wait?)`
        : `still waiting after ${Math.round(backstopMs(limitMs) / 1000)} s (an await that never settles, at the top of a file?)`;
    const failure: Failure = {
      test: phase === 'test' ? test : undefined,
      summary: `${what}: ${why}, so the grader stopped it`,
    };
    // The test that was running failed; the ones after it never ran.
    const marked = tests.map((t) =>
      t.name === failure.test ? { ...t, status: 'fail' as const, failure } : t,
    );
    return { ...zero('timeout', failure), tests: marked };
  }
  if (raw?.died) {
    const during = raw.died.test
      ? ` while running "${raw.died.test}"`
      : ` during ${raw.died.phase}`;
    return zero('error', {
      test: raw.died.test,
      summary: `the test process stopped unexpectedly${during}: something killed or crashed it (process.kill? process.abort?)`,
    });
  }
  // The exercise changed the grader's own tools (guard-setup.ts): none of its results count.
  const tamper = raw?.errors.find((e) => e.name === TAMPER_ERROR);
  if (tamper) return zero('error', { summary: tamper.message });
  if (!raw || raw.state === 'pending' || raw.state === 'queued') {
    return zero('error', { summary: `not graded: ${interrupted ?? 'vitest never ran this file'}` });
  }
  if (tests.length === 0) {
    const cause = raw.errors[0];
    if (cause) {
      const explained = explainError(cause, labDir);
      return zero('error', {
        ...explained,
        summary: `could not load the exercise: ${explained.summary.replace(/^threw /, '')}`,
      });
    }
    return zero('error', { summary: `${exercise.test} contains no tests to grade` });
  }

  const passed = tests.filter((t) => t.status === 'pass').length;
  const clean = raw.errors.length === 0;
  const points = pointsFor(exercise.points, passed, tests.length, clean);
  if (passed === tests.length && clean) {
    return { ...base, points, status: 'pass', message: null, tests };
  }
  const firstFailing = tests.find((t) => t.status !== 'pass');
  const failure: Failure =
    firstFailing?.failure ??
    (firstFailing
      ? { test: firstFailing.name, summary: 'was skipped, so it cannot count as passed' }
      : fileFailure(raw, labDir));
  return { ...base, points, status: 'fail', message: oneLine(failure), failure, tests };
}

function toTestResult(test: RawTest, labDir: string): TestResult {
  const status = test.state === 'passed' ? 'pass' : test.state === 'failed' ? 'fail' : 'skip';
  const error = test.errors[0];
  return {
    name: test.fullName,
    status,
    duration: test.duration,
    failure: error
      ? {
          test: test.fullName,
          ...explainError(error, labDir),
          ...(test.wire === undefined ? {} : { wire: test.wire }),
          ...(test.seed === undefined ? {} : { seed: test.seed }),
        }
      : undefined,
  };
}

function fileFailure(raw: RawModule, labDir: string): Failure {
  const error = raw.errors[0];
  if (!error) return { summary: 'failed for an unknown reason' };
  const explained = explainError(error, labDir);
  return { ...explained, summary: `every test passed, but then: ${explained.summary}` };
}

/**
 * The one-line message of a failure, as in --json and the exercise list.
 * @example
 * oneLine({ test: 'echoes', summary: "expected 'a' to be 'b'", expected: '"b"', actual: '"a"' });
 * // "echoes: expected 'a' to be 'b'"
 */
export function oneLine(failure: Failure): string {
  const prefix = failure.test ? `${failure.test}: ` : '';
  const short = (s: string | undefined) => s !== undefined && !s.includes('\n') && s.length <= 80;
  // An assertion's own sentence is clearest while it is short; long values read better as a pair.
  if (failure.summary.length > 160 && short(failure.expected) && short(failure.actual)) {
    return `${prefix}expected ${failure.expected}, got ${failure.actual}`;
  }
  return `${prefix}${failure.summary}`;
}
