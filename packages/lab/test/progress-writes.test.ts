// Two gradings of one lab at once (a watch in one terminal, `--once` in another) both write
// .lab/progress.json. They once shared one temporary file name, and the second rename failed
// with ENOENT: that grading printed nothing (a CI run at load 13 showed it).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { Lab } from '../src/manifest/types.ts';
import { readProgress, writeProgress } from '../src/state/progress.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('many writes of one lab’s progress at once all succeed, and leave one whole file', async () => {
  dir = await mkdtemp(join(tmpdir(), 'netprog-progress-'));
  // Only the lab's folder is read here.
  const lab = { dir } as Lab;
  const before = await readProgress(lab);
  const writes = Array.from({ length: 20 }, (_, i) =>
    writeProgress(lab, { ...before, hintsShown: { connect: i } }),
  );
  await expect(Promise.all(writes)).resolves.toHaveLength(20);
  const progress = await readProgress(lab);
  expect(progress.hintsShown.connect).toBeGreaterThanOrEqual(0);
  expect(await readdir(join(dir, '.lab'))).toEqual(['progress.json']);
});
