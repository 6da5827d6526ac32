// The grader's tripwire (src/grade/tripwire.ts): any write to a watched graded test while a lab
// is graded, however it is made, and nothing else.
import { realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { dependencyFolders } from '../src/grade/dependency-folders.ts';
import {
  eventsDelivered,
  GRADER_COURSE,
  watchGradedFiles,
  watchGraderFiles,
} from '../src/grade/tripwire.ts';

let lab: string;
beforeEach(async () => {
  lab = await mkdtemp(join(tmpdir(), 'netprog-tripwire-'));
  await mkdir(join(lab, 'tests'));
  await mkdir(join(lab, 'exercises'));
  for (const file of ['tests/a.test.ts', 'tests/b.test.ts', 'tests/support.ts'])
    await writeFile(join(lab, file), 'original\n');
});
afterEach(() => rm(lab, { recursive: true, force: true }));

test('sees a write in place, a file replaced by a rename, and a deletion, and names each once', async () => {
  const tripwire = watchGradedFiles(lab, [
    'tests/a.test.ts',
    'tests/b.test.ts',
    'tests/support.ts',
  ]);
  try {
    await writeFile(join(lab, 'tests/a.test.ts'), 'forged\n');
    await writeFile(join(lab, 'tests/a.test.ts'), 'original\n'); // put back: same hash as before
    await writeFile(join(lab, 'tests/.b.tmp'), 'forged\n');
    await rename(join(lab, 'tests/.b.tmp'), join(lab, 'tests/b.test.ts'));
    await rm(join(lab, 'tests/support.ts'));
    await eventsDelivered();
    expect(tripwire.tripped()).toEqual(['tests/a.test.ts', 'tests/b.test.ts', 'tests/support.ts']);
  } finally {
    tripwire.close();
  }
});

test('leaves out what it does not watch: exercises, other files beside the tests', async () => {
  const tripwire = watchGradedFiles(lab, ['tests/a.test.ts']);
  try {
    await writeFile(join(lab, 'exercises/a.ts'), 'the student saves\n');
    await writeFile(join(lab, 'tests/b.test.ts'), 'not a graded file of this grading\n');
    await eventsDelivered();
    expect(tripwire.tripped()).toEqual([]);
  } finally {
    tripwire.close();
  }
});

test('a folder that is not there is simply not watched', () => {
  const tripwire = watchGradedFiles(lab, ['missing/a.test.ts']);
  expect(tripwire.tripped()).toEqual([]);
  tripwire.close();
});

test("the course's packages: src/ and bin/ of each, in every course given, once each", async () => {
  const course = join(lab, 'course');
  const dirs = ['lab/src/grade', 'lab/bin', 'lab/test', 'testbed/src/fixtures', 'socket-core/src'];
  for (const dir of dirs) await mkdir(join(course, 'packages', dir), { recursive: true });
  const tripwire = watchGraderFiles([course, `${course}/`]);
  try {
    await writeFile(join(course, 'packages/lab/src/grade/score.ts'), 'forged\n');
    await writeFile(join(course, 'packages/lab/bin/lab.mjs'), 'forged\n');
    await writeFile(join(course, 'packages/testbed/src/fixtures/echo.ts'), 'forged\n');
    // Graded tests import socket-core too: a rewrite would decide the test processes after it.
    await writeFile(join(course, 'packages/socket-core/src/socket.ts'), 'forged\n');
    // Not loaded by a grading: a package's own tests, files beside the packages.
    await writeFile(join(course, 'packages/lab/test/a.test.ts'), 'anything\n');
    await writeFile(join(course, 'packages/notes.md'), 'anything\n');
    await eventsDelivered();
    expect(tripwire.tripped()).toEqual([
      'packages/lab/bin/lab.mjs',
      'packages/lab/src/grade/score.ts',
      'packages/socket-core/src/socket.ts',
      'packages/testbed/src/fixtures/echo.ts',
    ]);
  } finally {
    tripwire.close();
  }
});

test('the installed packages a grading runs on: followed through dependencies, nested node_modules left out', async () => {
  const store = join(lab, 'node_modules/.pnpm');
  const install = async (name: string, deps: Record<string, string>) => {
    const dir = join(store, `${name}@1.0.0/node_modules/${name}`);
    await mkdir(join(dir, 'lib/deep'), { recursive: true });
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name, dependencies: deps }));
    return dir;
  };
  const a = await install('a', { b: '1' });
  const b = await install('b', {});
  await mkdir(join(a, 'node_modules/bundled'), { recursive: true });
  // pnpm's layout: a package's dependencies are links beside it.
  await symlink(b, join(store, 'a@1.0.0/node_modules/b'), 'dir');
  await mkdir(join(lab, 'node_modules'), { recursive: true });
  await symlink(a, join(lab, 'node_modules/a'), 'dir');
  await writeFile(join(lab, 'package.json'), JSON.stringify({ dependencies: { a: '1' } }));
  const real = (dir: string) => realpathSync(dir);
  expect(dependencyFolders(lab).sort()).toEqual(
    [a, join(a, 'lib'), join(a, 'lib/deep'), b, join(b, 'lib'), join(b, 'lib/deep')]
      .map(real)
      .sort(),
  );
});

test("the grader's own installed packages include vitest's and chai's folders", () => {
  const folders = dependencyFolders(join(GRADER_COURSE, 'packages/lab'), ['vitest']);
  expect(folders.some((f) => f.endsWith(`${sep}node_modules${sep}vitest${sep}dist`))).toBe(true);
  expect(folders.some((f) => f.endsWith(`${sep}node_modules${sep}chai`))).toBe(true);
});
