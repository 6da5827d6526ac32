// A grading while another process connects to the test's server (test/fixtures/strangers: the wire
// lab's read-reply exercise, with a stranger connecting before the exercise runs and while it
// runs, as the course's port scanners do from other test files). The grade and the wire report
// must be as if the stranger never came: the reference solution keeps its points, and the broken
// exercise is shown word for word as test/wire-grading.test.ts shows it without a stranger,
// without "your client reset" or "1 more connection" about a connection it never made.
import { fileURLToPath } from 'node:url';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { beforeAll, expect } from 'vitest';
import type { JsonReport } from '../src/output/json.ts';
import { maskWire } from './helpers/mask-wire.ts';
import { readReplyWire } from './helpers/read-reply-wire.ts';
import { runCli } from './helpers/run-cli.ts';
import { copyFixtureLabs, type TempRoot } from './helpers/temp-labs.ts';

const fixtures = fileURLToPath(new URL('./fixtures/strangers', import.meta.url));
// Generous: each run starts a grading, and a machine shared with other jobs can take 20 times as long.
const LONG = { timeoutMs: 200_000 };
const linux = linuxOnly('fixtures tell a stranger by its socket in /proc/net/tcp');

let temp: TempRoot;
let solution: JsonReport;
let exercise: JsonReport;

beforeAll(async () => {
  if (linux.skipped !== undefined) return;
  temp = await copyFixtureLabs(['strangers'], fixtures);
  const reference = await runCli(
    ['--root', temp.root, 'strangers', '--solution', '--json', '--once'],
    LONG,
  );
  solution = JSON.parse(reference.stdout) as JsonReport;
  const graded = await runCli(['--root', temp.root, 'strangers', '--json'], LONG);
  exercise = JSON.parse(graded.stdout) as JsonReport;
  return () => temp[Symbol.asyncDispose]();
}, 420_000);

linux.it('the reference solution keeps its points while strangers connect', () => {
  expect(solution.exercises[0]?.tests, JSON.stringify(solution.exercises[0])).toMatchObject([
    { status: 'pass' },
  ]);
  expect([solution.points, solution.max]).toEqual([2, 2]);
});

linux.it("a client that never reads is shown as if the stranger's connections never came", () => {
  expect([exercise.points, exercise.max]).toEqual([0, 2]);
  const wire = exercise.exercises[0]?.tests[0]?.wire;
  expect(wire, JSON.stringify(exercise.exercises[0])).toBeDefined();
  expect(maskWire(wire ?? '')).toBe(readReplyWire);
});
