// Graded tests are protected by hashes in lab.json: a changed test file is reported on the
// scoreboard, and with --ci fails the run naming the file. Also covers --junit.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runCliInProcess } from './helpers/run-cli-in-process.ts';
import { copyFixtureLabs } from './helpers/temp-labs.ts';

test('a changed test file is reported, and fails the run with --ci', async () => {
  await using temp = await copyFixtureLabs(['fair']);
  await appendFile(join(temp.labDir('fair'), 'tests/shout.test.ts'), '\n// made easier\n');

  const junit = join(temp.root, 'results.xml');
  const warned = await runCliInProcess([
    '--root',
    temp.root,
    'fair',
    '--solution',
    '--once',
    '--junit',
    junit,
  ]);
  expect(warned.code, warned.stdout + warned.stderr).toBe(0);
  expect(warned.stdout).toContain(
    '⚠ tests/shout.test.ts was changed: it no longer matches lab.json, so its results cannot be trusted',
  );
  expect(warned.stdout).toContain(`JUnit results written to ${junit}`);
  const xml = await readFile(junit, 'utf8');
  expect(xml).toContain('<testsuites name="fair" tests="2" failures="0" errors="0"');
  expect(xml).toContain('<property name="points" value="6"/>');

  const failed = await runCliInProcess(['--root', temp.root, 'fair', '--solution', '--ci'], {
    timeoutMs: 95_000,
  });
  expect(failed.code, failed.stdout + failed.stderr).toBe(1);
  expect(failed.stderr).toBe('--ci: protected files changed: tests/shout.test.ts (edited)\n');

  // The author's fix: record the new hash; the same run then passes.
  const rehash = await runCliInProcess(['--root', temp.root, 'rehash', 'fair']);
  expect(rehash).toMatchObject({
    code: 0,
    stdout: 'fair: updated tests/shout.test.ts (labs/fair/lab.json)\n',
  });
  const fixed = await runCliInProcess(['--root', temp.root, 'fair', '--solution', '--ci'], {
    timeoutMs: 95_000,
  });
  expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
}, 400_000);
