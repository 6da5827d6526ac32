// The number of tests each graded file holds is recorded in lab.json (`tests`): a grading that
// ran another number had its tests changed, or exercise code registered tests of its own (each
// one that passes would be worth points). Such an exercise scores 0, and the mismatch is an
// integrity problem, so `--ci` fails naming the file. Pure.
import type { ExerciseManifest } from '../manifest/types.ts';
import type { IntegrityProblem } from './integrity.ts';
import type { RawModule } from './types.ts';

/**
 * The one-line problem of an exercise whose file ran another number of tests than lab.json
 * records, or undefined. A file that did not load (no tests) is left to its own message.
 * @example
 * testCountProblem({ test: 'tests/a.test.ts', tests: 3 }, module); // 'tests/a.test.ts ran 1 test, lab.json records 3 tests: …'
 */
export function testCountProblem(
  exercise: Pick<ExerciseManifest, 'test' | 'tests'>,
  raw: RawModule | undefined,
): string | undefined {
  const ran = raw?.tests.length ?? 0;
  if (exercise.tests === undefined || ran === 0 || ran === exercise.tests) return undefined;
  const tests = (n: number) => `${n} test${n === 1 ? '' : 's'}`;
  return `${exercise.test} ran ${tests(ran)}, lab.json records ${tests(exercise.tests)}: the graded tests were changed, or exercise code added tests`;
}

/** The integrity entry of a wrong test count (LabResult.integrity). */
export function testCountIntegrity(file: string, problem: string): IntegrityProblem {
  return { file, kind: 'count', message: problem };
}
