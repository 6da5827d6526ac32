// Packages talk through their exports: no relative import anywhere in the repository leaves the
// package of the file that makes it.
import { describe, expect, test } from 'vitest';
import { boundaryCrossings, formatCrossing } from '../src/boundaries.ts';
import { importsOf } from '../src/imports.ts';
import { readRepository } from '../src/repository.ts';
import type { WorkspacePackage } from '../src/workspace.ts';

const pkg = (name: string, dir: string): WorkspacePackage => ({ name, dir, exports: new Map() });
const packages = [
  pkg('@netprog/lab', 'packages/lab'),
  pkg('@netprog/lab-chapter3', 'labs/chapter3'),
  pkg('(root)', '.'),
];

describe('importsOf', () => {
  test('reads every kind of import, and nothing in comments or strings', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      "export * from './c.ts';",
      "import './d.ts';",
      "const e = await import('./e.ts');",
      "// import { f } from './f.ts';",
      'const g = "import(\'./g.ts\')";',
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a.ts', '../b.ts', './c.ts', './d.ts', './e.ts']);
  });
});

describe('boundaryCrossings', () => {
  test('a relative import into another package is one, with what to do', () => {
    const crossings = boundaryCrossings(
      new Map([
        ['labs/chapter3/vitest.config.ts', ['../../packages/lab/src/lab-vitest-config.ts']],
      ]),
      packages,
    );
    expect(crossings.map(formatCrossing)).toEqual([
      "labs/chapter3/vitest.config.ts imports '../../packages/lab/src/lab-vitest-config.ts' (@netprog/lab-chapter3 → @netprog/lab): import the package by name, from what its package.json exports",
    ]);
  });

  test('into the root, or out of the repository, is one too', () => {
    const crossings = boundaryCrossings(
      new Map([
        ['packages/lab/src/a.ts', ['../../../vitest.shared.ts', '../../../../elsewhere.ts']],
      ]),
      packages,
    );
    expect(crossings.map((c) => c.to)).toEqual(['(root)', 'outside the repository']);
  });

  test('relative imports inside a package, and imports by name, are not', () => {
    const crossings = boundaryCrossings(
      new Map([
        [
          'packages/lab/test/fixtures/labs/fair/tests/a.test.ts',
          ['../exercises/a.ts', '../../../../../src/x.ts'],
        ],
        [
          'labs/chapter3/tests/b.test.ts',
          ['../exercises/b.ts', '@netprog/testbed/fixtures', 'node:net'],
        ],
      ]),
      packages,
    );
    expect(crossings).toEqual([]);
  });
});

test('no relative import in the repository crosses a package boundary', () => {
  const repository = readRepository();
  // The walk must really see the repository: every workspace's files, and this very file.
  expect(repository.imports.has('packages/repo-checks/test/boundaries.test.ts')).toBe(true);
  expect(repository.imports.size).toBeGreaterThan(300);
  const crossings = boundaryCrossings(repository.imports, repository.packages);
  expect(crossings.map(formatCrossing)).toEqual([]);
});
