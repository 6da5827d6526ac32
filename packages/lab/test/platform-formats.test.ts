// The platform formats' rules, without a grading: partial credit shared over the passing tests,
// a lab whose tests were edited scoring 0 on a platform, statuses, and which files of a student's
// submission are taken. Real gradings are in result-formats.test.ts.
import { describe, expect, test } from 'vitest';
import { planSubmission } from '../src/course/submission-plan.ts';
import { courseVersionOf } from '../src/course/version.ts';
import type { ExerciseResult, LabResult } from '../src/grade/types.ts';
import { classroomResult, shareOut, toClassroomOutputs } from '../src/output/classroom.ts';
import { toGradescopeResults } from '../src/output/gradescope.ts';
import { classroomResultSchema, gradescopeResultsSchema } from '../src/output/result-schemas.ts';

const pass = (name: string) => ({ name, status: 'pass' as const, duration: 2 });
const fail = (name: string) => ({
  name,
  status: 'fail' as const,
  duration: 3,
  failure: {
    summary: "expected 'a' to be 'b'",
    expected: '"b"',
    actual: '"a"',
    location: 'x.ts:1:1',
  },
});
const exercise = (over: Partial<ExerciseResult>): ExerciseResult => ({
  id: 'scan',
  title: 'Scan ports',
  file: 'exercises/scan.ts',
  test: 'tests/scan.test.ts',
  points: 0,
  max: 10,
  status: 'fail',
  message: null,
  duration: 50,
  output: '',
  tests: [],
  ...over,
});
const lab = (exercises: ExerciseResult[], integrity: LabResult['integrity'] = []): LabResult => ({
  lab: { id: 'chapter3', title: 'The TCP client', chapter: 3 },
  target: 'exercises',
  points: exercises.reduce((s, e) => s + e.points, 0),
  max: exercises.reduce((s, e) => s + e.max, 0),
  passed: exercises.filter((e) => e.status === 'pass').length,
  total: exercises.length,
  duration: 1234,
  integrity,
  exercises,
});

// 10 points over 3 tests, 2 passing: floor(10 × 2 / 3) = 6.
const partial = exercise({
  points: 6,
  message: "second: expected 'a' to be 'b'",
  failure: { test: 'second', summary: "expected 'a' to be 'b'" },
  tests: [pass('first'), fail('second'), pass('third')],
});

describe('shareOut', () => {
  test('whole points that add up, the first passing tests taking the remainder', () => {
    expect(shareOut(7, [true, false, true, true])).toEqual([3, 0, 2, 2]);
    expect(shareOut(6, [true, false, true])).toEqual([3, 0, 3]);
    expect(shareOut(0, [false, false])).toEqual([0, 0]);
    expect(shareOut(1, [true, true, true])).toEqual([1, 0, 0]);
  });
});

describe('Classroom', () => {
  test('partial credit: the passing tests share our points; the failure says what failed', () => {
    const result = classroomResultSchema.parse(classroomResult(lab([partial]), partial));
    expect(result).toMatchObject({ version: 1, status: 'fail', max_score: 10 });
    expect(result.tests.map((t) => [t.name, t.status, t.score])).toEqual([
      ['scan › first', 'pass', 3],
      ['scan › second', 'fail', 0],
      ['scan › third', 'pass', 3],
    ]);
    expect(result.tests[1]?.message).toBe(
      `expected 'a' to be 'b'\nexpected: "b"\ngot: "a"\nat x.ts:1:1`,
    );
    expect(result.tests[0]?.filename).toBe('labs/chapter3/tests/scan.test.ts');
  });

  test('an exercise that did not run is one test with status error and its reason', () => {
    const crashed = exercise({
      status: 'error',
      message: 'could not load the exercise: SyntaxError',
    });
    const result = classroomResult(lab([crashed]), crashed);
    expect(result.status).toBe('error');
    expect(result.tests).toEqual([
      expect.objectContaining({ status: 'error', score: 0, message: crashed.message }),
    ]);
  });

  test('a lab whose graded tests were edited scores 0 there, the files named', () => {
    const passed = exercise({ status: 'pass', points: 10, tests: [pass('only')] });
    const tampered = lab([passed], [{ file: 'tests/scan.test.ts', kind: 'changed', message: '' }]);
    const result = classroomResult(tampered, passed);
    expect(result.status).toBe('error');
    expect(result.tests[0]?.score).toBe(0);
    expect(result.tests[0]?.message).toContain('tests/scan.test.ts (edited)');
  });

  test('one $GITHUB_OUTPUT line per exercise, the runner id a valid env variable name', () => {
    const text = toClassroomOutputs([
      lab([
        partial,
        exercise({ id: 'http-get', title: 'GET', status: 'pass', points: 10, tests: [pass('a')] }),
      ]),
    ]);
    const lines = text.trimEnd().split('\n');
    expect(lines.map((l) => l.split('=')[0])).toEqual(['chapter3_scan', 'chapter3_http_get']);
    const decoded = JSON.parse(Buffer.from(lines[1]?.split('=')[1] ?? '', 'base64').toString());
    expect(decoded.tests[0].score).toBe(10);
  });
});

describe('Gradescope', () => {
  test('one test per exercise with our points; the lab total is the score', () => {
    const passed = exercise({ id: 'connect', status: 'pass', points: 10, tests: [pass('a')] });
    const results = gradescopeResultsSchema.parse(
      toGradescopeResults([lab([passed, partial])], { version: '1.2.3' }),
    );
    expect(results.score).toBe(16);
    expect(results.tests.map((t) => [t.name, t.score, t.max_score, t.status])).toEqual([
      ['chapter3 · connect: Scan ports', 10, 10, 'passed'],
      ['chapter3 · scan: Scan ports', 6, 10, 'failed'],
    ]);
    expect(results.tests[1]?.output).toContain("✗ scan › second\n    expected 'a' to be 'b'");
    expect(results.output).toBe('Score 16/20 · 1 of 2 exercises pass (netprog 1.2.3)');
    expect(results.extra_data).toEqual({ course_version: '1.2.3', labs: ['chapter3'] });
  });

  test('edited tests: 0 points and the reason, on the test and at the top', () => {
    const passed = exercise({ status: 'pass', points: 10, tests: [pass('a')] });
    const tampered = lab([passed], [{ file: 'tests/scan.test.ts', kind: 'changed', message: '' }]);
    const results = toGradescopeResults([tampered], {
      version: '1.0.0',
      ungraded: [{ id: 'chapter9', error: 'lab.json is not valid JSON' }],
    });
    expect(results.score).toBe(0);
    expect(results.tests[0]?.status).toBe('failed');
    expect(results.output).toContain(
      'chapter3: protected files changed: tests/scan.test.ts (edited)',
    );
    expect(results.output).toContain('chapter9: could not be graded: lab.json is not valid JSON');
  });
});

describe('planSubmission', () => {
  const labs = [
    { folder: 'chapter1', files: ['exercises/resolve.ts', 'exercises/util.ts'] },
    { folder: 'chapter3', files: ['exercises/port-spec.ts', 'exercises/util.ts'] },
  ];

  test('a repository (at the top or one folder down) gives its exercise files, nothing else', () => {
    const plan = planSubmission(
      [
        'net-101-main/labs/chapter3/exercises/port-spec.ts',
        'net-101-main/labs/chapter3/tests/port-spec.test.ts',
        'net-101-main/labs/chapter3/exercises/util.ts',
        'labs/chapter1/exercises/resolve.ts',
      ],
      labs,
    );
    expect(plan.copies).toEqual([
      { from: 'labs/chapter1/exercises/resolve.ts', to: 'labs/chapter1/exercises/resolve.ts' },
      {
        from: 'net-101-main/labs/chapter3/exercises/port-spec.ts',
        to: 'labs/chapter3/exercises/port-spec.ts',
      },
      {
        from: 'net-101-main/labs/chapter3/exercises/util.ts',
        to: 'labs/chapter3/exercises/util.ts',
      },
    ]);
    expect(plan.notes).toEqual([
      'chapter1: not in the submission, so graded as the starter: util.ts',
    ]);
  });

  test('files uploaded alone go by name; a name two labs share is not guessed', () => {
    const plan = planSubmission(['port-spec.ts', 'util.ts', 'notes.ts'], labs);
    expect(plan.copies).toEqual([
      { from: 'port-spec.ts', to: 'labs/chapter3/exercises/port-spec.ts' },
    ]);
    expect(plan.notes).toEqual([
      'util.ts: chapter1 and chapter3 both have an exercise file of that name, so it was not taken: submit it as labs/chapter1/exercises/util.ts or labs/chapter3/exercises/util.ts',
      'chapter1: none of its exercise files is in the submission: its starters were graded',
      'chapter3: not in the submission, so graded as the starter: util.ts',
    ]);
  });
});

test('the course version is the root package.json’s, or "unversioned"', () => {
  expect(courseVersionOf('{"name":"netprog","version":"1.0.0"}')).toBe('1.0.0');
  expect(courseVersionOf('{"name":"netprog"}')).toBe('unversioned');
  expect(courseVersionOf('not json')).toBe('unversioned');
});
