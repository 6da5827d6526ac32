// Exercise code that fights the grader, one exercise per attack (test/fixtures/isolation): a
// detached child that would outlive the exercise, a server hidden by unref(), a frozen Date.now,
// a scan that never settles, and more output than the grader keeps. Each is graded once, and the
// scores, the messages and the time taken say the grader stayed in charge.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isLinux } from '@netprog/testbed/linux-only/tests';
import { beforeAll, expect, test } from 'vitest';
import type { JsonReport } from '../src/output/json.ts';
import { runCli } from './helpers/run-cli.ts';

const root = fileURLToPath(new URL('./fixtures/isolation', import.meta.url));
let report: JsonReport;
const exercise = (id: string) => {
  const found = report.exercises.find((e) => e.id === id);
  if (!found) throw new Error(`no exercise ${id} in the report`);
  return found;
};

beforeAll(async () => {
  const run = await runCli(['--root', root, 'hostile', '--json'], { timeoutMs: 110_000 });
  report = JSON.parse(run.stdout) as JsonReport;
}, 120_000);

test('a detached child left running is reported like a leaked socket, and killed', () => {
  const result = exercise('detached-child');
  expect(result).toMatchObject({ points: 9, max: 10, status: 'fail' });
  const pid = Number(/helper pid (\d+)/.exec(result.output)?.[1]);
  expect(result.message).toBe(
    `every test passed, but then: left child process ${pid} (sleep 30) running after the tests ended, so the grader killed it: end every process you start and wait for its exit (child.kill(), then await once(child, 'exit'))`,
  );
  expect(isRunning(pid)).toBe(false);
});

test("an unref'd server is a leak too", () => {
  const result = exercise('unref-server');
  expect(result).toMatchObject({ points: 9, max: 10, status: 'fail' });
  expect(result.message).toMatch(
    /^every test passed, but then: left a TCP server listening on 127\.0\.0\.1:\d+ \(unref'd\) open after the tests ended: close every socket and server you open/,
  );
});

test("Date.now = () => 0 in exercise code does not stop the grader's clock", () => {
  // Its test waits 3 s, past the 1 s limit plus the 1.5 s grace: on the student's clock, the
  // heartbeat would have looked stopped and the watchdog would have killed an "infinite loop".
  expect(exercise('frozen-clock')).toMatchObject({ points: 10, status: 'pass', message: null });
});

test('a never-settling exercise costs its budget, not one limit per test', () => {
  const result = exercise('never-settles');
  expect(result).toMatchObject({ points: 0, status: 'timeout' });
  // The budget may run out inside a test, or in the hooks after one timed out (where the grader
  // explains the hang from the sockets): either way the message names the budget.
  expect(result.message).toMatch(
    /^(scans port \d+: )?tests\/never-settles\.test\.ts ran past the exercise's 4 s budget (while running "scans port \d+"|during hooks) \(\d+ of 12 tests had finished\): something never settles/,
  );
  // Twelve tests of 3 s each would take 36 s; the budget is 4 s, checked every 100 ms.
  expect(result.duration).toBeGreaterThanOrEqual(4_000);
  expect(result.duration).toBeLessThanOrEqual(4_000 + 1_000);
});

test('cut output says how much was cut', () => {
  const result = exercise('chatty');
  expect(result.status).toBe('pass');
  // 5,000 x's and a newline printed, 4,000 characters kept.
  expect(result.output).toBe(`${'x'.repeat(4_000)}\n… 1,001 more characters cut`);
});

// A killed child may linger a moment as a zombie until it is reaped; a zombie runs nothing.
// Linux's /proc tells a zombie apart; elsewhere signal 0 says only whether the pid exists.
function isRunning(pid: number): boolean {
  if (!isLinux) return exists(pid);
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
