// The grader's limits (src/grade/limits.ts) that are plain numbers: checked here so that a change
// to one is a change to a test too.
import { expect, test } from 'vitest';
import { backstopMs, gradingWorkers } from '../src/grade/limits.ts';

test('a grading runs at least four test processes at once, and one per core beyond four', () => {
  expect([1, 2, 4, 6, 16].map(gradingWorkers)).toEqual([4, 4, 4, 6, 16]);
});

test('the backstop is three times the limit plus 10 s', () => {
  expect(backstopMs(5_000)).toBe(25_000);
});
