// Watch mode re-grades when a file is saved: only the exercises the saved file can change, the
// others keeping their last results; everything when a test file changes. Forced with --watch
// (there is no terminal here); every wait is for output to appear, bounded by a timeout.
import type { ChildProcess } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, vi } from 'vitest';
import { startCli, waitForOutput } from './helpers/run-cli.ts';
import { copyFixtureLabs } from './helpers/temp-labs.ts';

test('a save re-grades only the exercise it changes; a test file, every exercise', async () => {
  await using temp = await copyFixtureLabs(['fair']);
  const dir = temp.labDir('fair');
  const child = startCli(['--root', temp.root, 'fair', '--watch', '--verbose']);
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  const logs = graderLogs(child);
  try {
    const first = await waitForOutput(child, (out) => out.includes('Watching exercises/'), 120_000);
    expect(first).toContain('── grading fair (started) ──');
    expect(first).toContain('Score 0/10 · 0 of 2 exercises pass · graded in');
    expect(first).toContain(
      'Watching exercises/ and tests/: save a file to re-grade. Ctrl-C to stop.',
    );
    await vi.waitFor(() => expect(logs()).toHaveLength(1), 10_000);

    // One exercise saved: that one is graded, the other row is its last result, marked so.
    await copyFile(join(dir, 'solutions/shout.ts'), join(dir, 'exercises/shout.ts'));
    const second = await waitForOutput(child, (out) => out.includes('Score 4/10'), 120_000);
    expect(second).toContain('── re-grading shout of fair (exercises/shout.ts changed) ──');
    expect(second).toContain(
      'Re-graded now: shout (exercises/shout.ts changed). Rows marked "earlier" are their last results.',
    );
    expect(second).toMatch(/✓ shout\s+Shout a line\s+4\/4\s+2\/2 tests\s+\d/);
    expect(second).toMatch(/✗ echo\s+Echo once\s+0\/6\s+0\/1 tests\s+earlier/);
    expect(second).toContain('Score 4/10 · 1 of 2 exercises pass · re-graded 1 of 2 in');
    // …and the grading process really ran only that exercise's test file.
    await vi.waitFor(() => expect(logs()).toHaveLength(2), 10_000);
    expect(logs()[1]).toContain('queued');
    expect(logs()[1]).toContain('tests/shout.test.ts');
    expect(logs()[1]).not.toContain('tests/echo.test.ts');

    // A test file saved (unchanged, so still matching lab.json): every exercise again.
    const test = join(dir, 'tests/echo.test.ts');
    await writeFile(test, await readFile(test));
    const third = await waitForOutput(child, (out) => out.includes('graded in'), 120_000);
    expect(third).toContain('── grading fair (tests/echo.test.ts changed: every exercise) ──');
    expect(third).not.toContain('Re-graded now');
    expect(third).toContain('Score 4/10 · 1 of 2 exercises pass · graded in');
    await vi.waitFor(() => expect(logs()).toHaveLength(3), 10_000);
    expect(logs()[2]).toContain('tests/shout.test.ts');
    expect(logs()[2]).toContain('tests/echo.test.ts');
  } finally {
    child.kill('SIGTERM');
  }
  // The last grading had a failing exercise: exit 1, and promptly.
  expect(await exited).toBe(1);
}, 300_000);

// The grader's log of each grading so far, as --verbose prints it on stderr.
function graderLogs(child: ChildProcess): () => string[] {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return () => stderr.split('--- vitest and grader log ---').slice(1);
}
