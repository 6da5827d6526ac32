// Run: pnpm tsx chapters/05-timeouts/examples/backoff-table.ts
//
// The delays computeDelay() gives for base 100 ms, cap 2000 ms, with each kind of jitter, and
// how far apart 100 clients that failed at the same moment would retry. The random numbers come from a
// seeded generator (testbed's mulberry32), so the table is the same on every run; real code uses
// Math.random.
import { defineCommand, parseOrExit } from '@netprog/cli';
import { mulberry32 } from '@netprog/testbed';
import { type BackoffOptions, backoffSchedule, type Jitter } from '../src/retry.ts';

parseOrExit(defineCommand({ name: 'backoff-table.ts' })); // no arguments: the table is fixed

const ATTEMPTS = 8;
const shape = { baseMs: 100, maxMs: 2_000 };

console.log(`Delay (ms) after each failed attempt; base ${shape.baseMs} ms, cap ${shape.maxMs} ms`);
console.log(
  `attempt   ${Array.from({ length: ATTEMPTS - 1 }, (_, i) => String(i + 1).padStart(5)).join('')}`,
);
for (const jitter of ['none', 'equal', 'full'] as const satisfies readonly Jitter[]) {
  const options: BackoffOptions = { ...shape, jitter };
  const delays = backoffSchedule(ATTEMPTS, options, mulberry32(1));
  console.log(`${jitter.padEnd(10)}${delays.map((d) => String(d).padStart(5)).join('')}`);
}

const CLIENTS = 100;
const WINDOW_MS = 50;
console.log(`\n${CLIENTS} clients fail at the same moment; when does their 4th attempt come?`);
for (const jitter of ['none', 'equal', 'full'] as const) {
  const times = Array.from({ length: CLIENTS }, (_, client) =>
    backoffSchedule(4, { ...shape, jitter }, mulberry32(client + 1)).reduce((sum, d) => sum + d, 0),
  ).sort((a, b) => a - b);
  // The worst crowd: the most attempts that land within any WINDOW_MS-long window.
  const busiest = Math.max(
    ...times.map((t) => times.filter((u) => u >= t && u < t + WINDOW_MS).length),
  );
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? 0;
  console.log(
    `${jitter.padEnd(6)} between ${first} and ${last} ms; at most ${busiest} of ${CLIENTS} within ${WINDOW_MS} ms of each other`,
  );
}
