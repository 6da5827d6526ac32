// The number of tests lab.json records for a graded file (src/grade/test-count.ts), pure.
import { expect, test } from 'vitest';
import { forfeit } from '../src/grade/forfeit.ts';
import { testCountProblem } from '../src/grade/test-count.ts';
import type { ExerciseResult, RawModule } from '../src/grade/types.ts';
import { formatScoreboard } from '../src/output/scoreboard.ts';
import { painter } from '../src/output/style.ts';

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

test('the scoreboard says why such an exercise scores 0, and the message says what ran', () => {
  const passed: ExerciseResult = {
    id: 'a',
    title: 'An exercise',
    file: 'exercises/a.ts',
    test: 'tests/a.test.ts',
    points: 5,
    max: 5,
    status: 'pass',
    message: null,
    duration: 12,
    tests: [{ name: 't', status: 'pass', duration: 1 }],
    output: '',
  };
  const problem = testCountProblem({ test: 'tests/a.test.ts', tests: 3 }, ran(1));
  const exercise = forfeit(passed, problem, 'test count');
  expect(exercise).toMatchObject({ points: 0, status: 'error', forfeit: 'test count' });
  const board = formatScoreboard(
    {
      lab: { id: 'l', title: 'A lab', chapter: 1 },
      target: 'exercises',
      points: 0,
      max: 5,
      passed: 0,
      total: 1,
      duration: 20,
      integrity: [],
      exercises: [exercise],
    },
    { paint: painter(false), command: 'pnpm lab l', hintCounts: {} },
  );
  expect(board).toContain('! a  An exercise  0/5  test count');
  expect(board).toContain(`! a\n    ${problem}`);
});
