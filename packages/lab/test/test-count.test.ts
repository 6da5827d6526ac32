// The number of tests lab.json records for a graded file (src/grade/test-count.ts), pure.
import { expect, test } from 'vitest';
import { testCountProblem } from '../src/grade/test-count.ts';
import type { RawModule } from '../src/grade/types.ts';

const ran = (n: number): RawModule => ({
  testFile: 'tests/a.test.ts',
  state: 'passed',
  duration: 1,
  errors: [],
  output: '',
  tests: Array.from({ length: n }, (_, i) => ({
    name: `t${i}`,
    fullName: `t${i}`,
    state: 'passed' as const,
    duration: 0,
    errors: [],
  })),
});

test('the count lab.json records, or no count, is fine; another count is named', () => {
  const exercise = { test: 'tests/a.test.ts', tests: 3 };
  expect(testCountProblem(exercise, ran(3))).toBeUndefined();
  expect(testCountProblem({ test: 'tests/a.test.ts' }, ran(7))).toBeUndefined();
  expect(testCountProblem(exercise, ran(1))).toBe(
    'tests/a.test.ts ran 1 test, lab.json records 3 tests: the graded tests were changed, or exercise code added tests',
  );
  expect(testCountProblem(exercise, ran(30))).toMatch(
    /^tests\/a\.test\.ts ran 30 tests, lab\.json records 3 tests/,
  );
  // A file that did not load has its own message ("could not load").
  expect(testCountProblem(exercise, ran(0))).toBeUndefined();
  expect(testCountProblem(exercise, undefined)).toBeUndefined();
});
