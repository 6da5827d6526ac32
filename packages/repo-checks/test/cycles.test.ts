// The repository has no import cycle: each module can be read (and loaded) before the ones that
// use it.
import { describe, expect, test } from 'vitest';
import { importCycles } from '../src/cycles.ts';
import { importGraph } from '../src/import-graph.ts';
import { packageDependencyGraph } from '../src/package-graph.ts';
import { readRepository, repositoryRoot } from '../src/repository.ts';
import type { WorkspacePackage } from '../src/workspace.ts';

describe('importCycles', () => {
  test('a chain without a way back has none', () => {
    expect(
      importCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', ['c.ts']],
          ['c.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  test('two modules that import each other, and one that imports itself', () => {
    const graph = new Map([
      ['grade.ts', ['watch.ts', 'score.ts']],
      ['watch.ts', ['grade.ts']],
      ['score.ts', []],
      ['self.ts', ['self.ts']],
    ]);
    expect(importCycles(graph)).toEqual([
      ['grade.ts', 'watch.ts', 'grade.ts'],
      ['self.ts', 'self.ts'],
    ]);
  });

  test('a longer cycle is shown as one path around it', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});

describe('importGraph', () => {
  test('follows relative imports and workspace packages by name, nothing else', () => {
    const lab: WorkspacePackage = {
      name: '@netprog/lab',
      dir: 'packages/lab',
      exports: new Map([['@netprog/lab/vitest', 'packages/lab/src/config.mjs']]),
    };
    const files = new Set([
      'labs/x/vitest.config.ts',
      'labs/x/tests/a.test.ts',
      'labs/x/exercises/a.ts',
    ]);
    const graph = importGraph(
      new Map([
        ['labs/x/vitest.config.ts', ['@netprog/lab/vitest', 'vitest/config']],
        ['labs/x/tests/a.test.ts', ['../exercises/a', 'node:net']],
      ]),
      [lab],
      (file) => files.has(file) || file === 'packages/lab/src/config.mjs',
    );
    expect(graph.get('labs/x/vitest.config.ts')).toEqual(['packages/lab/src/config.mjs']);
    expect(graph.get('labs/x/tests/a.test.ts')).toEqual(['labs/x/exercises/a.ts']);
  });
});

test('the repository has no import cycle', () => {
  const { imports, packages, exists } = readRepository();
  const graph = importGraph(imports, packages, exists);
  // The graph must really connect the repository: the CLI reaches the grader.
  expect(graph.get('packages/lab/src/commands/grade.ts')).toContain(
    'packages/lab/src/grade/grade-lab.ts',
  );
  expect(importCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
});

test('the workspace packages depend on each other without a cycle (dev dependencies included)', () => {
  // A test dependency counts: turbo orders tasks by it, and testbed → socket-core → testbed made
  // turbo warn "Circular package dependency" and hand-write cache inputs to get around it.
  const graph = packageDependencyGraph(repositoryRoot);
  expect(graph.get('@netprog/testbed')).toContain('@netprog/proc-net');
  expect(importCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
});
