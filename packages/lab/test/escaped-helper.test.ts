// Exercise code runs as the same user as the grader, and a process it starts can escape the
// grader's tracking (a grandchild in a session of its own). The fixture lab `escape`
// (test/fixtures/isolation) starts one that rewrites the grading's result file, so that every
// test passed, between the grading process's write and the grader's read. Until the file was
// sealed (src/grade/sealed-result.ts), a `--ci` grading of it scored full points. And the helper
// stays, as one would that goes after what the grader writes next: the grader kills it
// (src/grade/escaped-processes.ts).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isLinux } from '@netprog/testbed/linux-only/tests';
import { expect, test } from 'vitest';
import { killMarked } from '../src/grade/escaped-processes.ts';
import { MARK_ENV } from '../src/grade/grading-process.mjs';
import type { JsonReport } from '../src/output/json.ts';
import { fixturesRoot } from './helpers/run-cli.ts';
import { runCliInProcess } from './helpers/run-cli-in-process.ts';
import { copyFixtureLabs } from './helpers/temp-labs.ts';

/**
 * Whether a process is still running: in /proc and not a zombie (a killed process whose parent,
 * init here, has not reaped it yet still answers signal 0).
 */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

test('a helper left running by the exercise cannot rewrite the results', async () => {
  await using temp = await copyFixtureLabs(['escape'], join(fixturesRoot, 'isolation'));
  // The helper rewrites the file about a millisecond after the grading process writes it, and
  // the grader reads it once that process has ended, tens of milliseconds later. On a busy
  // machine the helper can be late: then the grader read the true results, so grade again.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const run = await runCliInProcess(['--root', temp.root, 'escape', '--ci', '--json'], {
      timeoutMs: 60_000,
    });
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.points, `attempt ${attempt}: the rewritten results were believed`).toBe(0);
    const helper = Number(await readFile(join(temp.labDir('escape'), 'helper.pid'), 'utf8'));
    // Linux only: the grader finds such processes in /proc.
    if (isLinux) {
      expect(running(helper), `attempt ${attempt}: the helper (pid ${helper}) still runs`).toBe(
        false,
      );
    }
    const rewritten = report.integrity.filter((p) => p.kind === 'result');
    if (rewritten.length === 0) continue;
    expect(rewritten).toEqual([
      {
        file: 'result.json',
        kind: 'result',
        message: expect.stringContaining(
          "the grading's results (result.json) were rewritten before the grader read them (the result file's seal does not match)",
        ),
      },
    ]);
    expect(report.exercises[0]?.message).toContain(
      "not graded: the grading's results were rewritten before the grader read them",
    );
    // --ci fails the run for it.
    expect(run.code).toBe(1);
    return;
  }
  throw new Error('in three gradings the helper never rewrote the results before they were read');
}, 200_000);

test.runIf(isLinux)('only the processes carrying the grading’s mark are killed', async () => {
  const start = (mark: string) =>
    spawn('sleep', ['30'], { env: { ...process.env, [MARK_ENV]: mark }, stdio: 'ignore' });
  const marked = start('this-grading');
  const other = start('another-grading');
  try {
    await Promise.all([once(marked, 'spawn'), once(other, 'spawn')]);
    const exited = once(marked, 'exit');
    expect(killMarked('this-grading')).toEqual([marked.pid]);
    expect(await exited).toEqual([null, 'SIGKILL']);
    expect(other.exitCode).toBeNull();
    expect(killMarked(undefined)).toEqual([]);
  } finally {
    marked.kill('SIGKILL');
    other.kill('SIGKILL');
    await once(other, 'exit');
  }
});
