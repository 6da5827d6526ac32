// What an exercise may import (src/grade/import-rules.ts), pure: each kind of import, and the
// specifiers found in a source (comments do not count, strings that look like comments do).
import { describe, expect, test } from 'vitest';
import { type ImportRules, importProblem, importSpecifiers } from '../src/grade/import-rules.ts';

const rules: ImportRules = {
  folder: 'exercises',
  allowed: ['@netprog/socket-core'],
  exerciseFiles: new Map([
    ['exercises/port-spec.ts', 'port-spec'],
    ['exercises/http-get.ts', 'http-get'],
  ]),
};
const problem = (specifier: string, importer = 'exercises/http-get.ts') =>
  importProblem(importer, specifier, rules);

describe('importProblem', () => {
  test.each([
    'node:net',
    'net',
    'dns/promises',
    '@netprog/socket-core',
    '@netprog/socket-core/udp',
    './http-get/helpers.ts',
  ])('allows %s', (specifier) => {
    expect(problem(specifier)).toBeUndefined();
  });

  test.each([
    ['../solutions/http-get.ts', 'the reference solution'],
    ['../tests/http-get.test.ts', 'a graded test'],
    ['../mutants/http-get/no-timeout.ts', 'a recorded mutant'],
    ['./port-spec.ts', 'another exercise, "port-spec"'],
    ['./port-spec', 'another exercise, "port-spec"'],
    [
      '../../../chapters/03-client/src/port-spec.ts',
      "a chapter's code: write the exercise yourself",
    ],
    ['@netprog/ch03-client', "a chapter's code: write the exercise yourself"],
    ['vitest', 'the test runner: exercise code must not reach the grading'],
    ['@vitest/expect', 'the test runner: exercise code must not reach the grading'],
    ['@netprog/lab', 'the test runner: exercise code must not reach the grading'],
    ['@netprog/testbed/fixtures', 'a package this lab does not allow (only @netprog/socket-core)'],
    [
      '/home/ada/netprog/labs/chapter3/solutions/http-get.ts',
      'a file by absolute path: import by a relative path',
    ],
    ['../../other-lab/x.ts', 'a file outside the lab'],
  ])('refuses %s: %s', (specifier, reason) => {
    expect(problem(specifier)).toBe(reason);
  });

  test('grading the solutions, the same rules hold for solutions/', () => {
    const solutions: ImportRules = { ...rules, folder: 'solutions' };
    expect(importProblem('solutions/http-get.ts', './http-get/x.ts', solutions)).toBeUndefined();
    expect(importProblem('solutions/http-get.ts', '../exercises/x.ts', solutions)).toBe(
      'a file outside solutions/',
    );
  });
});

test('importSpecifiers: imports, re-exports, import() and require(), not comments or strings', () => {
  const source = [
    "import net from 'node:net';",
    "export * from '../solutions/a.ts';",
    "const url = 'http://localhost/'; // from '../tests/b.test.ts'",
    "/* import '../mutants/c.ts' */",
    "const m = await import('./d.ts');",
    'const r = require("../solutions/e.ts");',
    'const f = await import(`./f.ts`);',
    // Text that only looks like an import: an honest exercise's greeting is no import.
    `socket.write("a greeting from 'Ada'\\n");`,
    'const note = \'import "vitest" is what a test does\';',
    // Methods named from: no import either.
    "const hello = Buffer.from('hello\\r\\n', 'latin1');",
    "const letters = Array.from('abc');",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a source file under test
    "const head = Buffer.from(`${lines.join('\\r\\n')}\\r\\n`);",
    "import './side-effect.ts';",
  ].join('\n');
  expect(importSpecifiers(source)).toEqual([
    'node:net',
    '../solutions/a.ts',
    './d.ts',
    '../solutions/e.ts',
    './f.ts',
    './side-effect.ts',
  ]);
});
