// Every way a student copy's exercise could forge a grade, reproduced on the fixture lab
// test/fixtures/forgery (one exercise per attack, each `add(a, b)`, graded by two tests), and
// what the grader says of each: 0 points and a one-line message naming what was done. One
// grading of the whole lab; `honest` is the control that keeps its points.
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashText } from '../src/manifest/hash.ts';
import { fixturesRoot, runCli } from './helpers/run-cli.ts';
import { copyFixtureLabs, type TempRoot } from './helpers/temp-labs.ts';

interface Row {
  readonly id: string;
  readonly points: number;
  readonly status: string;
  readonly message: string | null;
}

let temp: TempRoot | undefined;
let rows: Map<string, Row>;
let integrity: unknown[];

beforeAll(async () => {
  temp = await copyFixtureLabs(['forgery'], join(fixturesRoot, 'forgery'));
  // The chapter the `chapter` exercise re-exports, where a course keeps its chapters.
  const chapter = join(temp.root, 'chapters/01-sums/src');
  await mkdir(chapter, { recursive: true });
  await writeFile(
    join(chapter, 'add.ts'),
    'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  );
  const run = await runCli(['--root', temp.root, 'forgery', '--json'], { timeoutMs: 170_000 });
  expect(run.code, run.stderr).toBe(1);
  const report = JSON.parse(run.stdout) as { exercises: Row[]; integrity: unknown[] };
  rows = new Map(report.exercises.map((row) => [row.id, row]));
  integrity = report.integrity;
}, 180_000);
afterAll(() => temp?.[Symbol.asyncDispose]());

const MAY = 'an exercise may import only node built-ins and its own files';
const TAMPERED = 'the exercise tampered with the grading: it';

test('honest work keeps its points', () => {
  expect(rows.get('honest')).toMatchObject({ points: 2, status: 'pass', message: null });
});

describe('an exercise that imports what it may not scores 0, with the import', () => {
  test.each([
    [
      'reexport',
      "exercises/reexport.ts imports '../solutions/reexport.ts' (the reference solution)",
    ],
    [
      'chapter',
      "exercises/chapter.ts imports '../../../chapters/01-sums/src/add.ts' (a chapter's code: write the exercise yourself)",
    ],
    ['borrow', `exercises/borrow.ts imports './honest.ts' (another exercise, "honest")`],
    [
      'runner',
      "exercises/runner.ts imports 'vitest' (the test runner: exercise code must not reach the grading)",
    ],
  ])('%s', (id, said) => {
    expect(rows.get(id)).toMatchObject({ points: 0, status: 'error', message: `${said}: ${MAY}` });
  });

  test('an import() with a computed name, even when the exercise catches the refusal', () => {
    expect(rows.get('dynamic')).toMatchObject({
      points: 0,
      status: 'error',
      message: `${TAMPERED} imported solutions/dynamic.ts (the reference solution), so the whole file scores 0`,
    });
  });
});

describe('an exercise that reaches the grading machinery scores 0, with what it changed', () => {
  const reached = "reached the test runner's expect (globalThis[Symbol.for('expect-global')])";
  test.each([
    ['neutralise', 'replaced expect(…).assert'],
    ['extend', 'called expect.extend (matchers that always pass?)'],
    ['sniff', "read expect.getState() (the running test's name)"],
  ])('%s', (id, what) => {
    expect(rows.get(id)).toMatchObject({
      points: 0,
      status: 'error',
      message: `${TAMPERED} ${what} (and 1 more: ${reached}), so the whole file scores 0`,
    });
  });

  test("worker: vitest's own state, read without expect", () => {
    expect(rows.get('worker')).toMatchObject({
      points: 0,
      status: 'error',
      message: `${TAMPERED} reached the test runner's state (globalThis.__vitest_worker__), so the whole file scores 0`,
    });
  });
});

describe('an exercise that writes over a graded test while the lab is graded', () => {
  test('is seen though it puts the original back: the file is named, and the lab cannot be trusted', () => {
    // Its own test, already loaded, so its tests still pass; the platforms give the lab 0 points.
    expect(rows.get('inflight')).toMatchObject({ points: 2, status: 'pass' });
    expect(integrity).toEqual([
      {
        file: 'tests/inflight.test.ts',
        kind: 'written',
        message:
          'tests/inflight.test.ts was written to while the lab was graded: exercise code changed a graded test during its grading, so the results cannot be trusted',
      },
    ]);
  });
});

describe('a graded test cut down to one easy test, its hash in lab.json edited to match', () => {
  test('the number of tests gives it away: 0 points, and --ci fails naming the file', async () => {
    await using fair = await copyFixtureLabs(['fair']);
    const lab = fair.labDir('fair');
    const easy =
      "import { expect, test } from 'vitest';\n\ntest('shouts', () => expect(1).toBe(1));\n";
    await writeFile(join(lab, 'tests/shout.test.ts'), easy);
    const manifest = JSON.parse(await readFile(join(lab, 'lab.json'), 'utf8'));
    manifest.testHashes['tests/shout.test.ts'] = hashText(easy);
    await writeFile(join(lab, 'lab.json'), JSON.stringify(manifest));

    const run = await runCli(['--root', fair.root, 'fair', '--ci', '--json'], {
      timeoutMs: 120_000,
    });
    expect(run.code, run.stderr).toBe(1);
    const said =
      'tests/shout.test.ts ran 1 test, lab.json records 2 tests: the graded tests were changed, or exercise code added tests';
    expect(run.stderr).toBe(
      '--ci: protected files changed: tests/shout.test.ts (ran another number of tests)\n',
    );
    const report = JSON.parse(run.stdout) as { exercises: Row[]; integrity: unknown[] };
    expect(report.exercises[0]).toMatchObject({ id: 'shout', points: 0, message: said });
    expect(report.integrity).toEqual([
      { file: 'tests/shout.test.ts', kind: 'count', message: said },
    ]);
  }, 130_000);
});

describe('a package the tests run on, rewritten by exercise code while the lab is graded', () => {
  test('is seen: the grading cannot be trusted, and --ci names the file', async () => {
    await using fair = await copyFixtureLabs(['fair']);
    const lab = fair.labDir('fair');
    // An installed package the lab depends on, laid out as pnpm lays one out. (Not a real one:
    // pnpm hard-links installed files to its store, which every checkout shares.)
    const installed = join(lab, 'node_modules/.pnpm/helper@1.0.0/node_modules/helper');
    await mkdir(installed, { recursive: true });
    await writeFile(join(installed, 'package.json'), '{ "name": "helper", "version": "1.0.0" }\n');
    await writeFile(join(installed, 'index.js'), 'export const expectations = "strict";\n');
    await symlink(installed, join(lab, 'node_modules/helper'), 'dir');
    await writeFile(join(lab, 'package.json'), '{ "dependencies": { "helper": "1.0.0" } }\n');
    // shout() solves its exercise, and on the way rewrites the package for the tests after it.
    await writeFile(
      join(lab, 'exercises/shout.ts'),
      "import { writeFileSync } from 'node:fs';\n\n" +
        'export function shout(line: string): string {\n' +
        `  writeFileSync(${JSON.stringify(join(installed, 'index.js'))}, 'export const expectations = "none";\\n');\n` +
        "  return line.toUpperCase() + '!';\n}\n",
    );

    const run = await runCli(['--root', fair.root, 'fair', '--ci'], { timeoutMs: 120_000 });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const file = 'node_modules/.pnpm/helper@1.0.0/node_modules/helper/index.js';
    expect(run.stderr).toBe(
      `--ci: protected files changed: ${file} (grader file, written while graded)\n`,
    );
    expect(run.stdout).toContain(
      `${file}, a package the grader runs on, was written to while the labs were graded`,
    );
  });
});
