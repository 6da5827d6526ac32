// Adds up vitest's per-package "Tests  N passed | M failed" lines from a turbo log (replayed
// cache hits included) and prints one plain closing line that any CI reader understands.
import { readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

const log = stripVTControlCharacters(readFileSync(process.argv[2] ?? 0, 'utf8'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let runs = 0;
for (const line of log.split('\n')) {
  const m = /^\S*:?\S*:?\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line.replace(/^[^:]+:[^:]+:\s/, ''));
  if (!m) continue;
  runs++;
  for (const [, n, kind] of m[1].matchAll(/(\d+) (passed|failed|skipped)/g))
    totals[kind] += Number(n);
}
// `pnpm lab verify` (each lab package's test) grades solutions with its own reporter.
let labs = 0;
for (const m of log.matchAll(/solutions: \d+\/\d+ points, each of (\d+) graded tests passes/g)) {
  labs++;
  totals.passed += Number(m[1]);
}
totals.failed += [
  ...log.matchAll(/verify: .*unfair|graded test(?:s)? (?:passed|passes) on (?:the|a) starter/g),
].length;
console.log(`vitest runs: ${runs}, labs verified: ${labs}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);

// The second log, when given, is `pnpm test:mutants`'s: each lab's verify with its mutants.
if (process.argv[3] !== undefined) {
  const mutantsLog = stripVTControlCharacters(readFileSync(process.argv[3], 'utf8'));
  let mutants = 0;
  let fairLabs = 0;
  for (const m of mutantsLog.matchAll(/✓ mutants: (\d+) recorded mutants, each loses points/g)) {
    fairLabs++;
    mutants += Number(m[1]);
  }
  const unfair = [...mutantsLog.matchAll(/✗ mutants: /g)].length;
  console.log(
    `mutants: ${mutants} recorded in ${fairLabs} labs lose points; ${unfair} labs keep a mutant at full points`,
  );
}
