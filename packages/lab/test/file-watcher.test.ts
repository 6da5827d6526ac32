// The watcher alone, without grading (fast): every kind of save is reported, with the file's
// lab-relative name, also after the file was replaced by rename (where Node 20's recursive
// fs.watch went blind on Linux). watch-saves.test.ts checks the same through the scoreboard.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, test } from 'vitest';
import { type FileWatcher, watchFolders } from '../src/watch/file-watcher.ts';

let dir: string;
let watcher: FileWatcher | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netprog-watcher-'));
  await mkdir(join(dir, 'exercises'));
  await mkdir(join(dir, 'tests'));
  await writeFile(join(dir, 'exercises', 'a.ts'), 'one');
});
afterEach(async () => {
  await watcher?.close();
  await rm(dir, { recursive: true, force: true });
});

test('rename, then in place, then three at once, then git checkout, then in place', async () => {
  let reported = new Set<string | undefined>();
  let wake: (() => void) | undefined;
  watcher = await watchFolders(dir, ['exercises', 'tests'], 50, (files) => {
    for (const file of files) reported.add(file);
    wake?.();
  });
  // Saves, then waits until every file in `expected` has been reported (bounded). Before the
  // save, a quiet pause: a late report of the previous save (chokidar holds an unlink for
  // 100 ms to tell a rename-save from a delete) must not pass for this one. Nothing signals that
  // there is nothing more to come, so this one wait is for time.
  const sees = async (expected: readonly string[], save: () => Promise<unknown>) => {
    await delay(400);
    reported = new Set();
    const all = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`saw only ${JSON.stringify([...reported])}, not ${expected}`)),
        10_000,
      );
      wake = () => {
        if (!expected.every((file) => reported.has(file))) return;
        clearTimeout(timer);
        resolve();
      };
    });
    await save();
    await all;
  };
  const a = join(dir, 'exercises', 'a.ts');

  await sees(['exercises/a.ts'], async () => {
    await writeFile(`${a}.tmp`, 'two');
    await rename(`${a}.tmp`, a);
  });
  await sees(['exercises/a.ts'], () => writeFile(a, 'three'));
  await sees(['exercises/b.ts', 'exercises/c.ts', 'exercises/d.ts'], () =>
    Promise.all(['b', 'c', 'd'].map((n) => writeFile(join(dir, 'exercises', `${n}.ts`), n))),
  );

  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir });
  git('init', '--quiet');
  git('add', '.');
  git('commit', '--quiet', '-m', 'x');
  await sees(['exercises/a.ts'], () => writeFile(a, 'four'));
  await sees(['exercises/a.ts'], async () => git('checkout', '--', 'exercises/a.ts'));
  await sees(['exercises/a.ts'], () => writeFile(a, 'five'));
  await sees(['exercises/a.ts'], () => writeFile(a, 'six'));
  await sees(['tests/a.test.ts'], () => writeFile(join(dir, 'tests', 'a.test.ts'), 'x'));
});
