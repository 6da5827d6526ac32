// Which files of a class copy decide a grade: the class workflow checks their hashes before it
// grades, so a student commit that changes one of them cannot change a grade.
import { expect, it } from 'vitest';
import { isProtected } from '../src/export/protected.ts';

const CASES: readonly (readonly [path: string, decidesGrades: boolean])[] = [
  ['labs/chapter3/tests/port-spec.test.ts', true],
  ['labs/chapter3/lab.json', true],
  ['labs/chapter3/vitest.config.ts', true],
  ['packages/lab/src/grade/score.ts', true],
  ['packages/lab/bin/lab.mjs', true],
  ['packages/testbed/src/fixtures/echo.ts', true],
  // bin/lab.mjs loads the grader's TypeScript through run-ts: changed hooks could change what
  // the grader runs.
  ['packages/run-ts/src/hooks.mjs', true],
  // testbed's fixtures ask proc-net whose connection is whose.
  ['packages/proc-net/src/socket-inodes.ts', true],
  ['pnpm-lock.yaml', true],
  ['.github/workflows/grade.yml', true],
  ['labs/chapter3/exercises/port-spec.ts', false],
  ['packages/lab/test/score.test.ts', false],
  ['packages/run-ts/test/run-ts.test.ts', false],
  ['chapters/03-client/README.md', false],
];

it.each(CASES)('isProtected(%s) is %s', (path, decidesGrades) => {
  expect(isProtected(path)).toBe(decidesGrades);
});
