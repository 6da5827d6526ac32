// The pure parts of `pnpm lab export` and `grade-all`: what a class copy holds, the files it
// changes, git's output, where an export may write, and the summary of every lab.
import { describe, expect, test } from 'vitest';
import {
  parseCatFileBatch,
  parseLsTree,
  parseStatusZ,
  type TreeEntry,
} from '../src/export/git-parse.ts';
import { planExport } from '../src/export/plan.ts';
import { classTestScript, classVersion } from '../src/export/rewrite.ts';
import { pathRelation } from '../src/export/target-dir.ts';
import type { LabResult } from '../src/grade/types.ts';
import { painter } from '../src/output/style.ts';
import {
  formatGradeSummary,
  formatGradeSummaryMarkdown,
  type LabOutcome,
  verdictOf,
} from '../src/output/summary.ts';

const blob = (path: string, mode = '100644'): TreeEntry => ({
  mode,
  type: 'blob',
  object: `id-${path}`,
  path,
});

const tree: TreeEntry[] = [
  blob('README.md'),
  blob('.ci/run', '100755'),
  blob('docs/labs/index.md'),
  blob('labs/chapter3/lab.json'),
  blob('labs/chapter3/exercises/port-spec.ts'),
  blob('labs/chapter3/solutions/port-spec.ts'),
  blob('labs/chapter3/solutions/helpers/shared.ts'),
  blob('labs/chapter3/tests/port-spec.test.ts'),
  blob('labs/chapter3/mutants/port-spec/off-by-one.ts'),
  blob('labs/chapter3/mutants/equivalent.json'),
  blob('labs/chapter3/stryker.config.json'),
  blob('labs/chapter3/.stryker-tmp/sandbox/solutions/port-spec.ts'),
  blob('labs/chapter5/lab.json'),
  blob('labs/chapter5/solutions/retry.ts'),
  blob('labs/notes/README.md'),
  blob('packages/lab/test/fixtures/labs/fair/solutions/shout.ts'),
  blob('netprog-class.json'),
  { mode: '160000', type: 'commit', object: 'abc', path: 'vendor/thing' },
];

describe('planExport', () => {
  test('every committed file but labs/*/solutions/ and mutants/ (the runner’s own fixtures stay)', () => {
    const plan = planExport(tree);
    expect(plan.files.map((f) => f.path)).toEqual([
      'README.md',
      '.ci/run',
      'docs/labs/index.md',
      'labs/chapter3/lab.json',
      'labs/chapter3/exercises/port-spec.ts',
      'labs/chapter3/tests/port-spec.test.ts',
      'labs/chapter5/lab.json',
      'labs/notes/README.md',
      'packages/lab/test/fixtures/labs/fair/solutions/shout.ts',
    ]);
    expect(plan.labs).toEqual(['chapter3', 'chapter5']);
    expect(plan.leftOut).toEqual({
      solutionFiles: 3,
      mutantFiles: 4,
      labs: [],
      docs: false,
      submodules: ['vendor/thing'],
    });
  });

  test('with chosen labs: without the other lab folders and without docs/', () => {
    const plan = planExport(tree, { only: ['chapter3'] });
    expect(plan.files.map((f) => f.path)).toEqual([
      'README.md',
      '.ci/run',
      'labs/chapter3/lab.json',
      'labs/chapter3/exercises/port-spec.ts',
      'labs/chapter3/tests/port-spec.test.ts',
      'packages/lab/test/fixtures/labs/fair/solutions/shout.ts',
    ]);
    expect(plan.labs).toEqual(['chapter3']);
    expect(plan.leftOut).toMatchObject({ labs: ['chapter5', 'notes'], docs: true });
  });
});

describe('classVersion', () => {
  const labs = { labs: new Set(['chapter3']), docsLeftOut: false };
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

  test('a lab’s test script checks instead of verifying; test:solutions and test:mutants go; order kept', () => {
    const before = json({
      name: '@netprog/lab-chapter3',
      scripts: {
        typecheck: 'tsc -p .',
        test: 'netprog-lab verify chapter3 --skip-mutants',
        'test:mutants': 'netprog-lab verify chapter3',
        'test:solutions': 'NETPROG_LAB_TARGET=solutions vitest run',
      },
      dependencies: { '@netprog/testbed': 'workspace:*' },
    });
    const after = classVersion('labs/chapter3/package.json', before, labs).toString();
    expect(after).toBe(
      json({
        name: '@netprog/lab-chapter3',
        scripts: { typecheck: 'tsc -p .', test: classTestScript('chapter3') },
        dependencies: { '@netprog/testbed': 'workspace:*' },
      }).toString(),
    );
    expect(classTestScript('chapter3')).toBe('netprog-lab check chapter3');
  });

  test('the site’s scripts go only when docs/ does, test:mutants always; .gitignore gets lab-results/', () => {
    const root = json({
      scripts: { test: 'turbo run test', 'test:mutants': 'z', docs: 'x', 'docs:build': 'y' },
    });
    expect(JSON.parse(classVersion('package.json', root, labs).toString())).toEqual({
      scripts: { test: 'turbo run test', docs: 'x', 'docs:build': 'y' },
    });
    expect(
      JSON.parse(classVersion('package.json', root, { ...labs, docsLeftOut: true }).toString()),
    ).toEqual({ scripts: { test: 'turbo run test' } });
    expect(classVersion('.gitignore', Buffer.from('node_modules/'), labs).toString()).toMatch(
      /^node_modules\/\n# .+\nlab-results\/\n$/,
    );
  });

  test('every other file is copied as it is', () => {
    const text = Buffer.from('{"scripts":{"test":"vitest run"}}');
    expect(classVersion('packages/lab/package.json', text, labs)).toBe(text);
    expect(classVersion('labs/notes/package.json', text, labs)).toBe(text);
  });
});

describe('git output', () => {
  test('ls-tree -z, with paths that hold spaces and tabs', () => {
    expect(
      parseLsTree(
        [
          '100644 blob aa11\tREADME.md',
          '100755 blob bb22\tbin/a b\tc.sh',
          '160000 commit cc33\tsub',
          '',
        ].join('\0'),
      ),
    ).toEqual([
      { mode: '100644', type: 'blob', object: 'aa11', path: 'README.md' },
      { mode: '100755', type: 'blob', object: 'bb22', path: 'bin/a b\tc.sh' },
      { mode: '160000', type: 'commit', object: 'cc33', path: 'sub' },
    ]);
    expect(() => parseLsTree('fatal: not a tree\0')).toThrow(/unexpected line from git ls-tree/);
  });

  test('cat-file --batch, with content that holds newlines and binary bytes', () => {
    const binary = Buffer.from([0, 10, 255, 10]);
    const output = Buffer.concat([
      Buffer.from('aa11 blob 6\nline\n\n\n'),
      Buffer.from('bb22 blob 4\n'),
      binary,
      Buffer.from('\n'),
    ]);
    const objects = parseCatFileBatch(output);
    expect(objects.get('aa11')?.toString()).toBe('line\n\n');
    expect(objects.get('bb22')).toEqual(binary);
    expect(() => parseCatFileBatch(Buffer.from('cc33 missing\n'))).toThrow(/could not read/);
    expect(() => parseCatFileBatch(Buffer.from('aa11 blob 9\nshort\n'))).toThrow(/cut short/);
  });

  test('status --porcelain -z, renames named once', () => {
    expect(parseStatusZ(' M README.md\0R  new.ts\0old.ts\0M  a b.ts\0')).toEqual([
      'README.md',
      'new.ts',
      'a b.ts',
    ]);
    expect(parseStatusZ('')).toEqual([]);
  });
});

test('pathRelation', () => {
  expect(pathRelation('/repo', '/repo')).toBe('same');
  expect(pathRelation('/repo/labs/x', '/repo')).toBe('inside');
  expect(pathRelation('/', '/repo')).toBe('contains');
  expect(pathRelation('/repo-class', '/repo')).toBe('apart');
  expect(pathRelation('/tmp/class', '/repo')).toBe('apart');
});

describe('the grade-all summary', () => {
  const result = (id: string, points: number, passed: number, changed = false): LabResult => ({
    lab: { id, title: `Lab | ${id}`, chapter: 1 },
    target: 'exercises',
    points,
    max: 10,
    passed,
    total: 2,
    duration: 1000,
    integrity: changed
      ? [{ file: 'tests/a.test.ts', kind: 'changed', message: 'tests/a.test.ts was changed' }]
      : [],
    exercises: [],
  });
  const outcomes: LabOutcome[] = [
    { id: 'one', result: result('one', 10, 2) },
    { id: 'two', result: result('two', 5, 1) },
    { id: 'three', result: result('three', 10, 2, true) },
    { id: 'broken', error: 'labs/broken/lab.json: not valid JSON' },
  ];

  test('a verdict per lab: changed tests before points', () => {
    expect(outcomes.map(verdictOf)).toEqual(['pass', 'fail', 'changed-tests', 'error']);
  });

  test('as text', () => {
    expect(formatGradeSummary(outcomes, painter(false))).toBe(
      [
        'Every lab',
        '',
        '  ✓ one     Lab | one    10/10 points  2/2 exercises  every exercise passes',
        '  ✗ two     Lab | two     5/10 points  1/2 exercises  1 exercise to go',
        '  ⚠ three   Lab | three  10/10 points  2/2 exercises  protected files changed: tests/a.test.ts (edited)',
        '  ✗ broken               could not be graded: labs/broken/lab.json: not valid JSON',
        '',
        'Total 25/30 points · 1 of 4 labs passes',
        '',
      ].join('\n'),
    );
  });

  test('as Markdown, with | escaped', () => {
    expect(formatGradeSummaryMarkdown(outcomes)).toBe(
      [
        '## Lab results',
        '',
        '| | Lab | Points | Exercises passed | Status |',
        '| --- | --- | ---: | ---: | --- |',
        '| ✅ | one · Lab \\| one | 10/10 | 2/2 | every exercise passes |',
        '| ❌ | two · Lab \\| two | 5/10 | 1/2 | 1 exercise to go |',
        '| ⚠️ | three · Lab \\| three | 10/10 | 2/2 | protected files changed: tests/a.test.ts (edited) |',
        '| ❌ | broken |  |  | could not be graded: labs/broken/lab.json: not valid JSON |',
        '',
        '**25/30 points** · 1 of 4 labs passes',
        '',
      ].join('\n'),
    );
  });
});
