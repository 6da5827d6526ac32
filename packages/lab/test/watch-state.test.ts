import { describe, expect, test } from 'vitest';
import type { LabResult } from '../src/grade/types.ts';
import { describeSaved, exitCode, mergeDue } from '../src/watch/state.ts';

describe('mergeDue: what comes due during a grading makes one more grading', () => {
  test('files saved meanwhile add up', () => {
    expect(
      mergeDue({ saved: ['exercises/a.ts'] }, { saved: ['exercises/b.ts', undefined] }),
    ).toEqual({
      saved: ['exercises/a.ts', 'exercises/b.ts', undefined],
    });
  });

  test('everything wins, whichever came first', () => {
    expect(mergeDue({ everything: 'r' }, { saved: ['exercises/a.ts'] })).toEqual({
      everything: 'r',
    });
    expect(mergeDue({ saved: ['exercises/a.ts'] }, { everything: 'r' })).toEqual({
      everything: 'r',
    });
    expect(mergeDue(undefined, { saved: [] })).toEqual({ saved: [] });
  });
});

test('describeSaved names each file once, or "a file" when one was not named', () => {
  expect(describeSaved(['exercises/a.ts', 'tests/a.test.ts', 'exercises/a.ts'])).toBe(
    'exercises/a.ts, tests/a.test.ts',
  );
  expect(describeSaved(['exercises/a.ts', undefined])).toBe('a file');
});

test('the exit code is the last grading’s: 0 only when every exercise passed', () => {
  const last = (passed: number) => ({ passed, total: 2 }) as LabResult;
  expect(exitCode({ stopped: true })).toBe(1);
  expect(exitCode({ stopped: true, last: last(1) })).toBe(1);
  expect(exitCode({ stopped: true, last: last(2) })).toBe(0);
});
