import { describe, expect, test } from 'vitest';
import { explainError, showValue } from '../src/grade/explain-failure.ts';
import { oneLine, pointsFor, scoreExercise } from '../src/grade/score.ts';
import type { RawModule, RawTest } from '../src/grade/types.ts';
import type { ExerciseManifest } from '../src/manifest/types.ts';

const exercise: ExerciseManifest = {
  id: 'connect',
  title: 'Connect',
  file: 'exercises/connect.ts',
  test: 'tests/connect.test.ts',
  points: 10,
  hints: [],
};
const passed = (name: string): RawTest => ({
  name,
  fullName: name,
  state: 'passed',
  duration: 1,
  errors: [],
});
const failed = (name: string, message: string): RawTest => ({
  name,
  fullName: name,
  state: 'failed',
  duration: 1,
  errors: [
    { name: 'Error', message, frames: [{ file: '/lab/exercises/connect.ts', line: 4, column: 9 }] },
  ],
});
const module = (over: Partial<RawModule>): RawModule => ({
  testFile: 'tests/connect.test.ts',
  state: 'passed',
  duration: 12,
  errors: [],
  tests: [],
  output: '',
  ...over,
});

describe('pointsFor', () => {
  test('splits the points evenly, rounding down, full only when clean', () => {
    expect(pointsFor(10, 3, 3, true)).toBe(10);
    expect(pointsFor(10, 2, 3, true)).toBe(6);
    expect(pointsFor(10, 0, 3, true)).toBe(0);
    expect(pointsFor(10, 3, 3, false)).toBe(9);
    expect(pointsFor(1, 1, 1, false)).toBe(0);
    expect(pointsFor(5, 0, 0, true)).toBe(0);
  });
});

describe('scoreExercise', () => {
  test('all tests pass: full points, no message', () => {
    const result = scoreExercise(exercise, module({ tests: [passed('a'), passed('b')] }), '/lab');
    expect(result).toMatchObject({ status: 'pass', points: 10, max: 10, message: null });
  });

  test('a failing test: proportional points and its message, located in the student file', () => {
    const raw = module({
      state: 'failed',
      tests: [passed('a'), failed('b', 'TODO: write connect()')],
    });
    const result = scoreExercise(exercise, raw, '/lab');
    expect(result).toMatchObject({
      status: 'fail',
      points: 5,
      message: 'b: threw Error: TODO: write connect()',
    });
    expect(result.failure?.location).toBe('exercises/connect.ts:4:9');
  });

  test('a killed process: timeout, zero, and which test hung', () => {
    const raw = module({
      state: 'pending',
      tests: [
        passed('a'),
        { ...passed('spins'), state: 'pending' },
        { ...passed('c'), state: 'pending' },
      ],
      killed: {
        reason: 'blocked',
        phase: 'test',
        test: 'spins',
        limitMs: 2000,
        budgetMs: 30_000,
        afterMs: 3600,
      },
    });
    const result = scoreExercise(exercise, raw, '/lab');
    expect(result.status).toBe('timeout');
    expect(result.points).toBe(0);
    expect(result.message).toMatch(/^spins: never finished: still running past the 2000 ms limit/);
    expect(result.tests.map((t) => t.status)).toEqual(['pass', 'fail', 'skip']);
  });

  test('a file stopped at its budget: timeout, zero, and how far it got', () => {
    const raw = module({
      state: 'pending',
      tests: [passed('a'), { ...passed('scans'), state: 'pending' }],
      killed: {
        reason: 'budget',
        phase: 'test',
        test: 'scans',
        limitMs: 5000,
        budgetMs: 30_000,
        afterMs: 30_050,
      },
    });
    const result = scoreExercise(exercise, raw, '/lab');
    expect(result).toMatchObject({ status: 'timeout', points: 0 });
    expect(result.message).toBe(
      `scans: ${exercise.test} ran past the exercise's 30 s budget while running "scans" (1 of 2 tests had finished): something never settles (a promise that never resolves? a wait with no deadline?), so the grader stopped it`,
    );
  });

  test('a killed import and a process that died on its own', () => {
    const loading = scoreExercise(
      exercise,
      module({
        state: 'pending',
        killed: {
          reason: 'overdue',
          phase: 'load',
          limitMs: 500,
          budgetMs: 30_000,
          afterMs: 11600,
        },
      }),
      '/lab',
    );
    expect(loading.message).toBe(
      'loading exercises/connect.ts never finished: still waiting after 12 s (an await that never settles, at the top of a file?), so the grader stopped it',
    );
    const died = scoreExercise(
      exercise,
      module({ state: 'pending', died: { phase: 'test', test: 'a' } }),
      '/lab',
    );
    expect(died).toMatchObject({ status: 'error', points: 0 });
    expect(died.message).toMatch(/^a: the test process stopped unexpectedly while running "a"/);
  });

  test('an import error and an empty test file', () => {
    const raw = module({
      state: 'failed',
      errors: [{ name: 'SyntaxError', message: 'Unexpected token', frames: [] }],
    });
    expect(scoreExercise(exercise, raw, '/lab').message).toBe(
      'could not load the exercise: SyntaxError: Unexpected token',
    );
    expect(scoreExercise(exercise, module({}), '/lab').message).toBe(
      'tests/connect.test.ts contains no tests to grade',
    );
  });

  test('not run at all says why', () => {
    expect(scoreExercise(exercise, undefined, '/lab', 'grading was cancelled').message).toBe(
      'not graded: grading was cancelled',
    );
  });
});

describe('explainError', () => {
  test('translates vitest timeouts and process.exit into plain words', () => {
    expect(
      explainError(
        { name: 'Error', message: 'Test timed out in 700ms.\nIf this is…', frames: [] },
        '/lab',
      ).summary,
    ).toMatch(
      /^did not finish within 700 ms: the code is too slow, or waits for something that never happens/,
    );
    expect(
      explainError(
        { name: 'Error', message: 'process.exit unexpectedly called with "1"', frames: [] },
        '/lab',
      ).summary,
    ).toBe(
      'called process.exit(1): exercise code must return or throw, never end the whole process',
    );
  });

  test('shows strings quoted so that \\r\\n is visible, other values as printed', () => {
    expect(showValue('GET / HTTP/1.1\r\n', "expected 'GET /' to be 'GET / HTTP/1.1\\r\\n'")).toBe(
      '"GET / HTTP/1.1\\r\\n"',
    );
    expect(showValue('3', 'expected 2 to be 3')).toBe('3');
    expect(showValue('Object {\n  "a": 1,\n}', 'expected { a: 1 } to deeply equal { a: 2 }')).toBe(
      'Object {\n  "a": 1,\n}',
    );
    expect(showValue('hello world', 'expected … to be …')).toBe('"hello world"');
  });

  test('a syntax error gets the compiler’s words, the place and the code frame', () => {
    // What vite 8 reports for `return line.toUpperCase( + "!";` (colours on, as a terminal gets it).
    const message = [
      'Transform failed with 1 error:',
      '',
      '\u001b[31m[PARSE_ERROR] \u001b[0mExpected `,` or `)` but found `;`',
      '   ╭─[ exercises/shout.ts:2:33 ]',
      '   │',
      ' 2 │   return line.toUpperCase( + "!";',
      '   │                          ┬      ┬  ',
      '   │                          ╰───────── Opened here',
      '───╯',
    ].join('\n');
    expect(explainError({ name: 'Error', message, frames: [] }, '/lab')).toEqual({
      summary: 'syntax error: Expected `,` or `)` but found `;`',
      location: 'exercises/shout.ts:2:33',
      detail: [
        ' 2 │   return line.toUpperCase( + "!";',
        '   │                          ┬      ┬  ',
        '   │                          ╰───────── Opened here',
      ].join('\n'),
    });
  });

  test('oneLine uses the assertion’s own sentence', () => {
    expect(
      oneLine({ test: 't', summary: "expected 'a' to be 'b'", expected: '"b"', actual: '"a"' }),
    ).toBe("t: expected 'a' to be 'b'");
  });
});
