// Grades the `mixed` fixture lab through the CLI (its main(), in this process; the grading in a
// process of its own): one exercise passes, one half-passes, one loops forever, one calls
// process.exit, one throws at import, one leaves a server open. Every one must be graded, each
// with its own clear message, and the grader must finish.
import { beforeAll, describe, expect, test } from 'vitest';
import type { JsonReport } from '../src/output/json.ts';
import type { CliRun } from './helpers/run-cli.ts';
import { runCliInProcess } from './helpers/run-cli-in-process.ts';
import { copyFixtureLabs, type TempRoot } from './helpers/temp-labs.ts';

let temp: TempRoot;
let text: CliRun;
let json: CliRun;
let report: JsonReport;

beforeAll(async () => {
  temp = await copyFixtureLabs(['mixed']);
  text = await runCliInProcess(['--root', temp.root, 'mixed', '--once'], { timeoutMs: 110_000 });
  json = await runCliInProcess(['--root', temp.root, 'demo', '--json'], { timeoutMs: 110_000 });
  report = JSON.parse(json.stdout) as JsonReport;
  return () => temp[Symbol.asyncDispose]();
}, 240_000);

const exercise = (id: string) => {
  const found = report.exercises.find((e) => e.id === id);
  if (!found) throw new Error(`no exercise ${id} in the report`);
  return found;
};

describe('the scoreboard', () => {
  test('lists every exercise with its points and ends with the score', () => {
    expect(text.code, text.stdout + text.stderr).toBe(1);
    const rows = text.stdout.split('\n');
    expect(rows[0]).toBe('mixed · Every way an exercise can go  (your exercises)');
    expect(rows.find((r) => r.includes(' add '))).toMatch(
      /✓\s+add\s+Add two numbers\s+2\/2\s+2\/2 tests/,
    );
    expect(rows.find((r) => r.includes(' greet '))).toMatch(
      /✗\s+greet\s+Greet by name\s+2\/4\s+1\/2 tests/,
    );
    expect(rows.find((r) => r.includes(' spin '))).toMatch(
      /⏱\s+spin\s+Count down\s+0\/3\s+timed out/,
    );
    expect(text.stdout).toMatch(/Score 5\/14 · 1 of 6 exercises pass · graded in/);
  });

  test('explains the first failing check with expected and got, and points to a hint', () => {
    expect(text.stdout).toContain(
      [
        '✗ greet › greets by name',
        "    expected 'Hi Ada' to be 'Hello, Ada!'",
        '    expected: "Hello, Ada!"',
        '    got:      "Hi Ada"',
        '    at tests/greet.test.ts:9:24',
        '  Stuck? pnpm lab mixed hint greet (2 hints)',
      ].join('\n'),
    );
    expect(text.stderr).toBe('');
  });
});

describe('robust grading', () => {
  test('an exercise that loops forever is stopped and fails with a timeout', () => {
    const spin = exercise('spin');
    expect(spin.status).toBe('timeout');
    expect(spin.points).toBe(0);
    expect(spin.message).toMatch(
      /^counts down from 3: never finished: still running past the 500 ms limit without ever giving control back/,
    );
    // Stopped soon after its limit (500 ms + 1.5 s grace of silence; on Linux once it has burned
    // 250 ms of CPU past the limit, test/watchdog.test.ts), not after some global timeout. The duration counts from when the watchdog first saw the file, which on a busy
    // machine can come after the last tick it was silent since (soak saw 1,977 ms), so the lower
    // bound is the limit itself: never stopped before it.
    expect(spin.duration).toBeGreaterThanOrEqual(500);
    expect(spin.duration).toBeLessThan(20_000);
  });

  test('an exercise that calls process.exit fails with that reason, alone', () => {
    const quit = exercise('quit');
    expect(quit.status).toBe('fail');
    expect(quit.message).toBe(
      'rejects an empty port with an error: called process.exit(3): exercise code must return or throw, never end the whole process',
    );
  });

  test('an exercise that throws at import fails as not loaded, pointing at the line', () => {
    const broken = exercise('broken');
    expect(broken.status).toBe('error');
    expect(broken.message).toBe(
      'could not load the exercise: Error: TODO: remove this line (thrown at import)',
    );
    expect(broken.tests).toEqual([]);
  });

  test('an exercise that leaves a server open loses its last point with a clear message', () => {
    const leaky = exercise('leaky');
    expect(leaky).toMatchObject({ status: 'fail', points: 1, max: 2 });
    expect(leaky.message).toMatch(
      /^every test passed, but then: left 1 TCP server open after the tests ended/,
    );
  });

  test('the other exercises are graded normally', () => {
    expect(exercise('add')).toMatchObject({ status: 'pass', points: 2, message: null });
    expect(exercise('greet')).toMatchObject({ status: 'fail', points: 2, max: 4 });
  });
});

describe('--json', () => {
  test('has the documented shape', () => {
    expect(json.code, json.stderr).toBe(1);
    expect(report).toMatchObject({
      version: 1,
      lab: { id: 'mixed', title: 'Every way an exercise can go', chapter: 1 },
      target: 'exercises',
      status: 'fail',
      points: 5,
      max: 14,
      passed: 1,
      total: 6,
      integrity: [],
    });
    expect(report.exercises.map((e) => e.id)).toEqual([
      'add',
      'greet',
      'spin',
      'quit',
      'broken',
      'leaky',
    ]);
    for (const e of report.exercises) {
      expect(Object.keys(e).sort()).toEqual(
        [
          'duration',
          'file',
          'id',
          'max',
          'message',
          'output',
          'points',
          'status',
          'tests',
          'test',
          'title',
        ].sort(),
      );
      expect(typeof e.duration).toBe('number');
      for (const t of e.tests)
        expect(Object.keys(t).sort()).toEqual(['duration', 'message', 'name', 'status']);
    }
  });

  test('grading the same code twice gives the same results', async () => {
    const again = await runCliInProcess(['--root', temp.root, 'mixed', '--json'], {
      timeoutMs: 110_000,
    });
    // Ports are the kernel's choice each run (a leaked server's message names its address), and
    // each grading draws a fresh seed for the fixtures unless --seed gives one.
    const stable = (r: JsonReport) =>
      JSON.stringify(r, (key, value) =>
        key === 'duration' || key === 'seed' ? undefined : value,
      ).replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
    expect(stable(JSON.parse(again.stdout) as JsonReport)).toBe(stable(report));
  }, 120_000);
});
