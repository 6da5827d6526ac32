// Watch mode re-grades when a file is saved. Forced with --watch (there is no terminal here);
// every wait is for output to appear, bounded by a timeout.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startCli, waitForOutput } from './helpers/run-cli.ts';
import { copyFixtureLabs } from './helpers/temp-labs.ts';

test('re-grades after a file changes, until stopped', async () => {
  await using temp = await copyFixtureLabs(['fair']);
  const child = startCli(['--root', temp.root, 'fair', '--watch']);
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  try {
    const first = await waitForOutput(child, (out) => out.includes('Watching exercises/'), 120_000);
    expect(first).toContain('── grading fair (started) ──');
    expect(first).toContain('Score 0/10 · 0 of 2 exercises pass');
    expect(first).toContain(
      'Watching exercises/ and tests/: save a file to re-grade. Ctrl-C to stop.',
    );

    const dir = temp.labDir('fair');
    await copyFile(join(dir, 'solutions/shout.ts'), join(dir, 'exercises/shout.ts'));
    const second = await waitForOutput(child, (out) => out.includes('Score 4/10'), 120_000);
    expect(second).toContain('── grading fair (exercises/shout.ts changed) ──');
    expect(second).toMatch(/✓ shout\s+Shout a line\s+4\/4/);
  } finally {
    child.kill('SIGTERM');
  }
  // The last grading had a failing exercise: exit 1, and promptly.
  expect(await exited).toBe(1);
}, 300_000);
