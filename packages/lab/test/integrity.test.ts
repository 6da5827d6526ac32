// The one short form of an integrity problem (src/grade/integrity.ts), which the summary, the
// platforms' messages and `--ci` all print.
import { expect, test } from 'vitest';
import { INTEGRITY_KINDS, type IntegrityKind, integrityList } from '../src/grade/integrity.ts';

test('every kind reads as words, not as its code', () => {
  const kinds = Object.keys(INTEGRITY_KINDS) as IntegrityKind[];
  expect(kinds.sort()).toEqual([
    'changed',
    'count',
    'grader',
    'missing',
    'result',
    'unhashed',
    'written',
  ]);
  expect(
    integrityList(kinds.map((kind) => ({ file: `tests/${kind}.test.ts`, kind, message: '' }))),
  ).toBe(
    'protected files changed: tests/changed.test.ts (edited), tests/count.test.ts (ran another number of tests), ' +
      'tests/grader.test.ts (grader file, written while graded), tests/missing.test.ts (missing), ' +
      'tests/result.test.ts (results rewritten before the grader read them), ' +
      'tests/unhashed.test.ts (not hashed in lab.json), tests/written.test.ts (written while graded)',
  );
});
