// The results reporter `pnpm soak` reads: what it writes for a run, given vitest's reported
// modules (shaped here as vitest 4's reporter API hands them over).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ResultsFileReporter } from '../src/vitest/results-file.mjs';

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const testCase = (name: string, state: string, retryCount: number, errors: unknown[] = []) => ({
  fullName: name,
  result: () => ({ state, errors }),
  diagnostic: () => ({ duration: 12.4, retryCount }),
});

it('writes every test, every failure outside a test, named by package and file', async () => {
  dir = await mkdtemp(join(tmpdir(), 'netprog-results-'));
  const root = new URL('..', import.meta.url).pathname;
  const reporter = new ResultsFileReporter(dir);
  reporter.onInit({ config: { root } } as never);
  const module = {
    moduleId: join(root, 'test/a.test.ts'),
    errors: () => [{ message: 'afterAll: 1 socket\n  left open' }],
    children: {
      allSuites: () => [{ fullName: 'suite', errors: () => [{ message: 'beforeAll failed' }] }],
      allTests: () => [
        testCase('suite > fails', 'failed', 1, [{ message: 'expected 1\nto be 2' }]),
        testCase('suite > passes', 'passed', 0),
      ],
    },
  };
  reporter.onTestRunEnd([module] as never, [{ message: 'late error' }] as never, 'failed');
  const [file] = await readdir(dir);
  expect(file).toBe(`_netprog_testbed-${process.pid}.json`);
  expect(JSON.parse(await readFile(join(dir, file ?? ''), 'utf8'))).toEqual({
    package: '@netprog/testbed',
    reason: 'failed',
    tests: [
      {
        file: 'test/a.test.ts',
        name: 'suite > fails',
        state: 'failed',
        retries: 1,
        durationMs: 12,
        error: 'expected 1 to be 2',
      },
      {
        file: 'test/a.test.ts',
        name: 'suite > passes',
        state: 'passed',
        retries: 0,
        durationMs: 12,
      },
    ],
    problems: [
      { file: 'test/a.test.ts', message: 'afterAll: 1 socket left open' },
      { file: 'test/a.test.ts', message: 'suite: beforeAll failed' },
      { file: '', message: 'late error' },
    ],
  });
});
