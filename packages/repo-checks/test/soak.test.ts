// `pnpm soak`'s pure parts: from the results files and turbo's summary to the failures it names,
// and what it prints.
import type { ResultsFile } from '@netprog/testbed/vitest/results-file';
import { describe, expect, test } from 'vitest';
import { formatRun, formatSoak } from '../src/soak/format-report.ts';
import { failureLines, summariseRun, type TaskOutcome } from '../src/soak/run-report.ts';
import { tasksOfSummary } from '../src/soak/turbo-summary.ts';

const chapter5: ResultsFile = {
  package: '@netprog/ch05-timeouts',
  reason: 'failed',
  tests: [
    {
      file: 'test/examples.test.ts',
      name: 'examples > read-timeout',
      state: 'failed',
      retries: 1,
      durationMs: 900,
      error: 'finished after 640 ms, limit 500 ms: too late',
    },
    {
      file: 'test/retry.test.ts',
      name: 'retry > waits',
      state: 'passed',
      retries: 0,
      durationMs: 3,
    },
    { file: 'test/deadline.test.ts', name: 'deadline', state: 'passed', retries: 2, durationMs: 9 },
  ],
  problems: [{ file: 'test/leaky.test.ts', message: '1 socket left open' }],
};
const cli: ResultsFile = {
  package: '@netprog/cli',
  reason: 'passed',
  tests: [{ file: 'test/a.test.ts', name: 'a', state: 'passed', retries: 0, durationMs: 1 }],
  problems: [],
};
const task = (pkg: string, exitCode: number | null, durationMs = 1_000): TaskOutcome => ({
  package: pkg,
  task: 'test',
  exitCode,
  durationMs,
});

describe('summariseRun', () => {
  test('names each failed test and each failure outside a test with its package', () => {
    const report = summariseRun(
      [chapter5, cli],
      [task('@netprog/ch05-timeouts', 1), task('@netprog/cli', 0)],
      '',
    );
    expect(report.tests).toBe(4);
    expect(report.packages).toBe(2);
    expect(report.failures).toEqual([
      {
        package: '@netprog/ch05-timeouts',
        test: 'test/examples.test.ts > examples > read-timeout',
        message: 'finished after 640 ms, limit 500 ms: too late',
      },
      {
        package: '@netprog/ch05-timeouts',
        test: 'test/leaky.test.ts (outside any test)',
        message: '1 socket left open',
      },
    ]);
    expect(report.retried).toEqual([
      { package: '@netprog/ch05-timeouts', test: 'test/deadline.test.ts > deadline', retries: 2 },
    ]);
  });

  test('a failed task with no failed test (a lab verify) is named with its failure lines', () => {
    const log = [
      '@netprog/lab-chapter3:test:   ✓ graded test files match lab.json',
      '@netprog/lab-chapter3:test:   ✗ every exercise passes on its solution (40 s)',
      '@netprog/lab-chapter3:test:       - solution of "scan" fails "finds open ports"',
      '@netprog/cli:test: ✗ not this task',
    ].join('\n');
    const report = summariseRun([], [task('@netprog/lab-chapter3', 1)], log);
    expect(report.failures).toEqual([
      {
        package: '@netprog/lab-chapter3',
        test: 'test task (exit code 1)',
        message:
          '✗ every exercise passes on its solution (40 s) | - solution of "scan" fails "finds open ports"',
      },
    ]);
  });

  test('a task that did not finish is a failure too; a green run has none', () => {
    expect(summariseRun([], [task('@netprog/docs', null)], '').failures[0]?.test).toBe(
      'test task (did not finish)',
    );
    expect(summariseRun([cli], [task('@netprog/cli', 0)], '').failures).toEqual([]);
  });

  test('failureLines keeps only the task’s own lines that report a failure', () => {
    const log =
      '@netprog/x:test: FAIL test/a.test.ts > a\n@netprog/x:test: ok\n@netprog/y:test: FAIL';
    expect(failureLines(log, { package: '@netprog/x', task: 'test' })).toEqual([
      'FAIL test/a.test.ts > a',
    ]);
  });
});

describe('tasksOfSummary', () => {
  test('reads package, task, exit code and duration; skips tasks with no script', () => {
    const summary = {
      tasks: [
        {
          package: '@netprog/cli',
          task: 'test',
          command: 'vitest run',
          execution: { startTime: 1_000, endTime: 6_500, exitCode: 0 },
        },
        { package: '@netprog/cli', task: 'transit', command: '<NONEXISTENT>' },
        { package: '@netprog/docs', task: 'test', command: 'vitest run' },
      ],
    };
    expect(tasksOfSummary(summary)).toEqual([
      { package: '@netprog/cli', task: 'test', exitCode: 0, durationMs: 5_500 },
      { package: '@netprog/docs', task: 'test', exitCode: null, durationMs: 0 },
    ]);
  });

  test('says so when the file is not a run summary', () => {
    expect(() => tasksOfSummary({})).toThrow('the turbo run summary has no "tasks" list');
  });
});

describe('what the soak prints', () => {
  const failed = summariseRun([chapter5], [task('@netprog/ch05-timeouts', 1, 34_000)], '');
  const green = summariseRun([cli], [task('@netprog/cli', 0, 2_000)], '');

  test('a run: verdict, every failure with its message, near misses, slowest tasks', () => {
    expect(formatRun(failed, { run: 2, runs: 3, seconds: 187.4, load: 11.24 })).toBe(
      [
        'run 2 of 3: 2 FAILED, 3 tests in 1 packages, 187 s, load 11.2',
        '  FAIL @netprog/ch05-timeouts test/examples.test.ts > examples > read-timeout',
        '       finished after 640 ms, limit 500 ms: too late',
        '  FAIL @netprog/ch05-timeouts test/leaky.test.ts (outside any test)',
        '       1 socket left open',
        '  passed after 2 retries: @netprog/ch05-timeouts test/deadline.test.ts > deadline',
        '  slowest: @netprog/ch05-timeouts#test 34 s',
        '',
      ].join('\n'),
    );
  });

  test('the soak: runs green, and each failing test with the number of runs it failed in', () => {
    expect(formatSoak([failed, green, failed], 'stress-ng --cpu 2')).toBe(
      [
        'soak: 1 of 3 runs green under stress-ng --cpu 2',
        '  failed in 2 of 3 runs: @netprog/ch05-timeouts test/examples.test.ts > examples > read-timeout',
        '  failed in 2 of 3 runs: @netprog/ch05-timeouts test/leaky.test.ts (outside any test)',
        '  1 tests passed only on a retry in some run',
        '',
      ].join('\n'),
    );
  });
});
