// Watch mode never goes blind: whatever way a file is saved, the next scoreboard has its score,
// in both directions (a pass that breaks, a failure that is fixed). Node 20's recursive fs.watch
// on Linux stopped seeing a file once it was replaced by rename (an editor's atomic save, `git
// checkout`, `pnpm lab … reset`); the second step below is where it went blind. The lab has
// three exercises worth 1, 2 and 4 points, so every score says exactly which ones pass.
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { copyFile, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { startCli, waitForOutput } from './helpers/run-cli.ts';
import { copyFixtureLabs } from './helpers/temp-labs.ts';

const watchFixtures = fileURLToPath(new URL('./fixtures/watch', import.meta.url));

test('saves by rename, in place, three at once and by git checkout all re-grade, both ways', async () => {
  await using temp = await copyFixtureLabs(['trio'], watchFixtures);
  const dir = temp.labDir('trio');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: temp.root });
  git('init', '--quiet');
  git('add', 'labs');
  git('commit', '--quiet', '-m', 'starters');
  const starter = (name: string) => readFile(join(dir, 'exercises', `${name}.ts`), 'utf8');
  const solution = (name: string) => readFile(join(dir, 'solutions', `${name}.ts`), 'utf8');
  const exercise = (name: string) => join(dir, 'exercises', `${name}.ts`);
  const starters = { one: await starter('one'), two: await starter('two') };

  const child = startCli(['--root', temp.root, 'trio', '--watch']);
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    // Each step: start listening, save, and wait for the scoreboard with the score it must give.
    const step = async (points: number, save: () => Promise<unknown>) => {
      const shown = waitForScore(child, points);
      await save();
      return shown;
    };
    expect(await step(0, async () => {})).toContain('grading trio (started)');

    // An editor's atomic save: write a temporary file, rename it over the exercise (fail → pass).
    await step(1, async () => {
      await writeFile(`${exercise('one')}.tmp`, await solution('one'));
      await rename(`${exercise('one')}.tmp`, exercise('one'));
    });
    // The same file, saved in place after that rename (pass → fail).
    const inPlace = await step(0, () => writeFile(exercise('one'), starters.one));
    expect(inPlace).toContain('re-grading one of trio (exercises/one.ts changed)');

    // Three files copied at once: one debounced grading of all three (fail → pass).
    const three = await step(7, () =>
      Promise.all(
        ['one', 'two', 'four'].map((n) => copyFile(join(dir, 'solutions', `${n}.ts`), exercise(n))),
      ),
    );
    expect(three).toContain('3 of 3 exercises pass');

    // git checkout puts the starter back by replacing the file (pass → fail)…
    await step(5, async () => git('checkout', '--', 'labs/trio/exercises/two.ts'));
    // …and later saves of it in place are still seen, both ways.
    await step(7, async () => writeFile(exercise('two'), await solution('two')));
    await step(5, () => writeFile(exercise('two'), starters.two));
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(1);
}, 300_000);

// The next scoreboard that shows `points` of 7 (every wait bounded).
function waitForScore(child: ChildProcess, points: number): Promise<string> {
  return waitForOutput(child, (out) => out.includes(`Score ${points}/7 `), 120_000);
}
