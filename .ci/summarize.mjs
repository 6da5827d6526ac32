// Adds up vitest's per-package "Tests  N passed | M failed" lines from a turbo log (replayed
// cache hits included) and prints one plain closing line that any CI reader understands.
import { readFileSync } from 'node:fs';

const log = readFileSync(process.argv[2] ?? 0, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
const totals = { passed: 0, failed: 0, skipped: 0 };
let runs = 0;
for (const line of log.split('\n')) {
  const m = /^\S*:?\S*:?\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line.replace(/^[^:]+:[^:]+:\s/, ''));
  if (!m) continue;
  runs++;
  for (const [, n, kind] of m[1].matchAll(/(\d+) (passed|failed|skipped)/g)) totals[kind] += Number(n);
}
// `pnpm lab verify` (each lab package's test) grades solutions with its own reporter.
let labs = 0;
for (const m of log.matchAll(/solutions: \d+\/\d+ points, each of (\d+) graded tests passes/g)) {
  labs++;
  totals.passed += Number(m[1]);
}
for (const m of log.matchAll(/verify: .*unfair|graded test(?:s)? (?:passed|passes) on (?:the|a) starter/g)) {
  totals.failed++;
}
console.log(`vitest runs: ${runs}, labs verified: ${labs}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
