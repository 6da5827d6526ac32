// --format classroom: what GitHub Classroom's autograding reporter
// (classroom-resources/autograding-grading-reporter) reads. Each exercise is one "runner", as
// if it were one autograding-command-grader step: its result is {version: 1, status, max_score,
// tests}, base64-encoded into a step output named after the runner, and the reporter reads it
// back from the env variable <RUNNER>_RESULTS. Written as `runner=base64` lines, the format of
// $GITHUB_OUTPUT, so the class workflow appends them there.
//
// Why one runner per exercise: the reporter's "Points X/Y" (what Classroom records) is the sum of
// every test's `score` over the sum of the runners' `max_score`, but its console table computes
// each runner's score as passed tests / tests × max_score. With one runner per exercise and one
// test per graded test, both are the grader's own rule (points split evenly over the tests of an
// exercise): the passing tests share the exercise's points, so the scores add up to exactly our
// points, and the table shows the same share before our rounding down (see the teacher's guide).
import type { ExerciseResult, LabResult } from '../grade/types.ts';
import { platformPoints, tamperedReason } from './platform-points.ts';
import type { ClassroomResult } from './result-schemas.ts';

/**
 * The runner id of an exercise: a step output name and, upper-cased, an env variable name.
 * @example
 * classroomRunnerId('chapter3', 'port-spec'); // 'chapter3_port_spec'
 */
export function classroomRunnerId(lab: string, exercise: string): string {
  return `${lab}_${exercise}`.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * Splits `points` over the passing tests, as whole numbers that add up to it (the first ones
 * take the remainder); failing tests get 0.
 * @example
 * shareOut(7, [true, false, true, true]); // [3, 0, 2, 2]
 */
export function shareOut(points: number, passing: readonly boolean[]): number[] {
  const count = passing.filter(Boolean).length;
  if (count === 0) return passing.map(() => 0);
  const base = Math.floor(points / count);
  let extra = points - base * count;
  return passing.map((pass) => {
    if (!pass) return 0;
    if (extra > 0) {
      extra--;
      return base + 1;
    }
    return base;
  });
}

/**
 * The runner result of one exercise.
 * @example
 * classroomResult(result, result.exercises[0]).tests.map((t) => t.score); // [5, 5, 0]
 */
export function classroomResult(result: LabResult, exercise: ExerciseResult): ClassroomResult {
  const lab = result.lab.id;
  const tampered = tamperedReason(result);
  const points = platformPoints(result, exercise);
  const filename = `labs/${lab}/${exercise.test}`;
  const testCode = `pnpm lab ${lab} --once`;
  const status =
    tampered !== undefined
      ? 'error'
      : exercise.status === 'pass'
        ? 'pass'
        : exercise.status === 'fail'
          ? 'fail'
          : 'error';
  // No test ran (it did not load, or its process died first): one entry says why.
  if (exercise.tests.length === 0 || tampered !== undefined) {
    return {
      version: 1,
      status,
      max_score: exercise.max,
      tests: [
        {
          name: `${exercise.id}: ${exercise.title}`,
          status: status === 'pass' ? 'pass' : status,
          score: points,
          message: tampered ?? exercise.message ?? '',
          test_code: testCode,
          filename,
          line_no: 0,
          duration: exercise.duration,
        },
      ],
    };
  }
  const scores = shareOut(
    points,
    exercise.tests.map((t) => t.status === 'pass'),
  );
  return {
    version: 1,
    status,
    max_score: exercise.max,
    tests: exercise.tests.map((test, index) => ({
      name: `${exercise.id} › ${test.name}`,
      status: test.status === 'pass' ? 'pass' : 'fail',
      score: scores[index] ?? 0,
      message:
        test.status === 'pass'
          ? ''
          : test.status === 'skip'
            ? 'not run (an earlier failure stopped the file)'
            : failureText(test.failure),
      test_code: testCode,
      filename,
      line_no: 0,
      duration: test.duration,
    })),
  };
}

/**
 * The `runner=base64` lines for graded labs, one per exercise, in $GITHUB_OUTPUT's format.
 * @example
 * process.stdout.write(toClassroomOutputs([result])); // 'chapter3_port_spec=eyJ2ZXJzaW9uIjox…\n…'
 */
export function toClassroomOutputs(results: readonly LabResult[]): string {
  return results
    .flatMap((result) =>
      result.exercises.map((exercise) => {
        const json = JSON.stringify(classroomResult(result, exercise));
        const id = classroomRunnerId(result.lab.id, exercise.id);
        return `${id}=${Buffer.from(json).toString('base64')}\n`;
      }),
    )
    .join('');
}

function failureText(failure: ExerciseResult['tests'][number]['failure']): string {
  if (!failure) return 'failed';
  return [
    failure.summary,
    failure.expected !== undefined ? `expected: ${failure.expected}` : '',
    failure.actual !== undefined ? `got: ${failure.actual}` : '',
    failure.location ? `at ${failure.location}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
