// The grader keeps vitest's transformed modules on disk between gradings (grading-config.ts). A
// cache like that must never grade the wrong file: not the exercises when asked for the
// solutions (the same test file, resolved differently), and never a student's file as it was
// before the last save.
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { keepsModuleCache, trimModuleCache } from '../src/grade/module-cache.ts';
import type { JsonReport } from '../src/output/json.ts';
import { runCliInProcess } from './helpers/run-cli-in-process.ts';
import { copyFixtureLabs } from './helpers/temp-labs.ts';

test('a warm module cache keeps exercises and solutions apart and sees every edit', async () => {
  await using temp = await copyFixtureLabs(['fair']);
  const dir = temp.labDir('fair');
  const grade = async (...flags: string[]) => {
    const run = await runCliInProcess(['--root', temp.root, 'fair', '--json', ...flags], {
      timeoutMs: 60_000,
    });
    const report = JSON.parse(run.stdout) as JsonReport;
    return Object.fromEntries(report.exercises.map((e) => [e.id, e.points]));
  };

  expect(await grade()).toEqual({ shout: 0, echo: 0 });
  // The cache is really in use from here on, or this test would prove nothing.
  expect((await readdir(join(dir, '.lab', 'module-cache'))).length).toBeGreaterThan(0);
  expect(await grade('--solution')).toEqual({ shout: 4, echo: 6 });
  expect(await grade()).toEqual({ shout: 0, echo: 0 });

  await copyFile(join(dir, 'solutions/shout.ts'), join(dir, 'exercises/shout.ts'));
  expect(await grade()).toEqual({ shout: 4, echo: 0 });
  await copyFile(join(dir, 'solutions/echo.ts'), join(dir, 'exercises/echo.ts'));
  expect(await grade()).toEqual({ shout: 4, echo: 6 });
}, 300_000);

test('--ci keeps no module cache: nothing an earlier grading wrote is loaded in place of a test', async () => {
  await using temp = await copyFixtureLabs(['fair']);
  const run = await runCliInProcess(['--root', temp.root, 'fair', '--ci', '--json'], {
    timeoutMs: 60_000,
  });
  const report = JSON.parse(run.stdout) as JsonReport;
  expect(report.exercises.map((e) => e.points)).toEqual([0, 0]);
  await expect(readdir(join(temp.labDir('fair'), '.lab', 'module-cache'))).rejects.toThrow(
    /ENOENT/,
  );
}, 120_000);

test('only a grading for the student keeps a module cache; none for the record', () => {
  // The student's own gradings: the scoreboard, watch mode's, --json for an editor's task.
  expect(keepsModuleCache({ command: 'grade', ci: false })).toBe(true);
  expect(keepsModuleCache({ command: 'grade', ci: false, format: 'json' })).toBe(true);
  // For the record: --ci, a platform's document, and every grade-all (the class workflow runs
  // `grade-all --ci`, Gradescope's run_autograder `grade-all --format gradescope`).
  expect(keepsModuleCache({ command: 'grade', ci: true })).toBe(false);
  expect(keepsModuleCache({ command: 'grade', ci: false, format: 'gradescope' })).toBe(false);
  expect(keepsModuleCache({ command: 'grade', ci: false, format: 'classroom' })).toBe(false);
  expect(keepsModuleCache({ command: 'grade-all', ci: false })).toBe(false);
  expect(keepsModuleCache({ command: 'grade-all', ci: false, format: 'gradescope' })).toBe(false);
});

test('the cache is emptied once it holds more entries than the bound, and only then', async () => {
  const root = await mkdtemp(join(tmpdir(), 'netprog-module-cache-'));
  try {
    const dir = join(root, 'module-cache');
    expect(await trimModuleCache(dir, 2)).toBe(false); // no folder yet: nothing to do
    await mkdir(dir);
    for (const name of ['a', 'b']) await writeFile(join(dir, name), 'cached');
    expect(await trimModuleCache(dir, 2)).toBe(false);
    expect(await readdir(dir)).toEqual(['a', 'b']);
    await writeFile(join(dir, 'c'), 'cached');
    expect(await trimModuleCache(dir, 2)).toBe(true);
    expect(await readdir(root)).toEqual([]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
