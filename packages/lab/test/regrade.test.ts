// Watch mode re-grades only what a save can have changed: which files each exercise's grading
// reads (import-graph.ts), what a set of saved files selects (regrade.ts), and how a partial
// grading is put over the last one (merge-results.ts).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { mergeResults } from '../src/grade/merge-results.ts';
import type { ExerciseResult, LabResult } from '../src/grade/types.ts';
import type { Lab, LabManifest } from '../src/manifest/types.ts';
import {
  filesReadByExercise,
  importCandidates,
  relativeImports,
} from '../src/watch/import-graph.ts';
import { selectRegrade } from '../src/watch/regrade.ts';

describe('relativeImports', () => {
  test('finds static, side-effect, re-export and dynamic imports, relative ones only', () => {
    const source = [
      "import net from 'node:net';",
      "import { a } from './a.ts';",
      "import type { B } from '../exercises/b.ts';",
      "import './side-effect.ts';",
      "export { c } from './c.ts';",
      "const d = await import('./d.ts');",
      "import { again } from './a.ts';",
      "import { fixtures } from '@netprog/testbed/fixtures';",
    ].join('\n');
    expect(relativeImports(source)).toEqual([
      './a.ts',
      '../exercises/b.ts',
      './side-effect.ts',
      './c.ts',
      './d.ts',
    ]);
  });
});

describe('importCandidates', () => {
  test('follows the solutions alias, tries what a student may leave out, stays in the lab', () => {
    expect(importCandidates('tests/a.test.ts', '../exercises/a.ts', 'exercises')).toEqual([
      'exercises/a.ts',
      'exercises/a.ts.ts',
      'exercises/a.ts/index.ts',
    ]);
    expect(importCandidates('tests/a.test.ts', '../exercises/a.ts', 'solutions')[0]).toBe(
      'solutions/a.ts',
    );
    expect(importCandidates('exercises/a.ts', './util.js', 'exercises')).toEqual([
      'exercises/util.js',
      'exercises/util.js.ts',
      'exercises/util.ts',
      'exercises/util.js/index.ts',
    ]);
    expect(importCandidates('tests/a.test.ts', '../../packages/x.ts', 'exercises')).toEqual([]);
  });
});

describe('filesReadByExercise', () => {
  test("follows each test's imports through the lab: helpers, and exercises a test borrows", async () => {
    await using lab = await tempLab({
      'tests/a.test.ts': "import { a } from '../exercises/a.ts';",
      'tests/b.test.ts': "import { b } from '../exercises/b.ts';\nimport '../exercises/a.ts';",
      'tests/c.test.ts': "import { c } from '../exercises/c.ts';",
      'exercises/a.ts': "import { shared } from './util';\nexport const a = shared;",
      'exercises/util.ts': "import net from 'node:net';\nexport const shared = net;",
      'exercises/b.ts': 'export const b = 1;',
      'exercises/c.ts': "import { later } from './not-written-yet.ts';",
      'solutions/a.ts': 'export const a = 1;',
    });
    const reads = await filesReadByExercise(lab, 'exercises');
    expect(reads.get('a')).toEqual(
      new Set(['tests/a.test.ts', 'exercises/a.ts', 'exercises/util.ts']),
    );
    expect(reads.get('b')).toEqual(
      new Set(['tests/b.test.ts', 'exercises/b.ts', 'exercises/a.ts', 'exercises/util.ts']),
    );
    // A file imported before it exists still counts, so creating it is seen.
    expect(reads.get('c')).toEqual(
      new Set(['tests/c.test.ts', 'exercises/c.ts', 'exercises/not-written-yet.ts']),
    );
    const solutions = await filesReadByExercise(lab, 'solutions');
    expect(solutions.get('a')).toEqual(new Set(['tests/a.test.ts', 'solutions/a.ts']));
  });
});

describe('selectRegrade', () => {
  const reads = new Map([
    ['a', new Set(['tests/a.test.ts', 'exercises/a.ts', 'exercises/util.ts'])],
    ['b', new Set(['tests/b.test.ts', 'exercises/b.ts', 'exercises/a.ts', 'exercises/util.ts'])],
    ['c', new Set(['tests/c.test.ts', 'exercises/c.ts'])],
  ]);
  const order = ['a', 'b', 'c'];
  const select = (changed: (string | undefined)[], exists = (_file: string) => true) =>
    selectRegrade(changed, reads, order, exists);

  test("an exercise's own file re-grades it, and every exercise whose test reads it", () => {
    expect(select(['exercises/c.ts'])).toEqual({
      all: false,
      ids: ['c'],
      reason: 'exercises/c.ts changed',
    });
    expect(select(['exercises/a.ts', 'exercises/a.ts'])).toEqual({
      all: false,
      ids: ['a', 'b'],
      reason: 'exercises/a.ts changed',
    });
    expect(select(['exercises/c.ts', 'exercises/util.ts'])).toMatchObject({
      all: false,
      ids: ['a', 'b', 'c'],
    });
  });

  test('a file under tests/ re-grades every exercise, even one no test imports', () => {
    expect(select(['exercises/c.ts', 'tests/c.test.ts'])).toEqual({
      all: true,
      reason: 'tests/c.test.ts changed: every exercise',
    });
    expect(select(['tests/helpers/server.ts'])).toMatchObject({ all: true });
  });

  test('a file nothing imports re-grades everything while it exists, nothing once gone', () => {
    expect(select(['exercises/notes.md'])).toEqual({
      all: true,
      reason: 'exercises/notes.md changed, and no graded test imports it: every exercise',
    });
    // vim's save: a probe file and a backup, both deleted again, then the file itself.
    const gone = new Set(['exercises/4913', 'exercises/c.ts~']);
    const vimSave = ['exercises/4913', 'exercises/c.ts~', 'exercises/c.ts'];
    expect(select(vimSave, (file) => !gone.has(file))).toEqual({
      all: false,
      ids: ['c'],
      reason: 'exercises/c.ts changed',
    });
    expect(select(['exercises/4913'], () => false)).toMatchObject({ all: false, ids: [] });
  });

  test('a change the file system could not name re-grades everything', () => {
    expect(select([undefined, 'exercises/c.ts'])).toEqual({ all: true, reason: 'a file changed' });
  });
});

describe('mergeResults', () => {
  test('the fresh results replace their exercises; totals are recomputed; order kept', () => {
    const previous = labResult([exercise('a', 'pass', 5), exercise('b', 'fail', 0)], 9000);
    const fresh = labResult([exercise('b', 'pass', 10)], 800);
    expect(mergeResults(previous, fresh)).toEqual({
      ...fresh,
      points: 15,
      max: 20,
      passed: 2,
      total: 2,
      exercises: [exercise('a', 'pass', 5), exercise('b', 'pass', 10)],
    });
  });
});

function exercise(id: string, status: ExerciseResult['status'], points: number): ExerciseResult {
  return {
    id,
    title: id,
    file: `exercises/${id}.ts`,
    test: `tests/${id}.test.ts`,
    points,
    max: 10,
    status,
    message: status === 'pass' ? null : 'failed',
    duration: 10,
    tests: [],
    output: '',
  };
}

function labResult(exercises: ExerciseResult[], duration: number): LabResult {
  return {
    lab: { id: 'demo', title: 'Demo', chapter: 1 },
    target: 'exercises',
    points: 0,
    max: 0,
    passed: 0,
    total: 0,
    duration,
    integrity: [],
    exercises,
  };
}

// A lab on disk with the given files and one exercise per test file.
async function tempLab(files: Record<string, string>): Promise<Lab & AsyncDisposable> {
  const dir = await mkdtemp(join(tmpdir(), 'netprog-regrade-'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  const ids = Object.keys(files).flatMap((f) => /^tests\/(\w+)\.test\.ts$/.exec(f)?.[1] ?? []);
  const manifest: LabManifest = {
    id: 'demo',
    chapter: 1,
    title: 'Demo',
    aliases: [],
    exercises: ids.map((id) => ({
      id,
      title: id,
      file: `exercises/${id}.ts`,
      test: `tests/${id}.test.ts`,
      points: 10,
      hints: [],
    })),
    testHashes: {},
  };
  return { dir, manifest, [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) };
}
