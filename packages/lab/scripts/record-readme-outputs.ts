// Part of `pnpm --filter @netprog/lab docs:record`: records, from real runs, the outputs this
// package's README.md shows of the course's own labs, into outputs/readme/. A README cannot embed
// files, so `pnpm --filter @netprog/lab generate` copies each recording into the README's block
// that names it (`<!-- recorded: outputs/readme/list.txt -->`), and test/readme-outputs.test.ts
// fails when a block and its recording differ. Runs in a fresh class copy of the course under
// /tmp/netprog-readme (the copy's starters, the copy's `pnpm lab`, from the copy's folder).
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { lab, recorder } from './recorded-run.ts';

const record = recorder('readme');
const work = '/tmp/netprog-readme';
const copy = join(work, 'class');

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
lab(['export', copy]);
execFileSync('pnpm', ['install', '--offline', '--silent'], { cwd: copy, stdio: 'ignore' });

/** `pnpm lab …args` in the class copy, from its folder: stdout, then stderr. */
function inCopy(args: readonly string[]): string {
  const run = spawnSync(process.execPath, ['packages/lab/bin/lab.mjs', ...args], {
    cwd: copy,
    env: { ...process.env, NO_COLOR: '1', INIT_CWD: copy },
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (run.error) throw run.error;
  return run.stdout + run.stderr;
}

record('grade-starters.txt', 'pnpm lab chapter3 --once', inCopy(['chapter3', '--once']));
record('list.txt', 'pnpm lab', inCopy([]));
record('hint.txt', 'pnpm lab chapter3 hint port-spec', inCopy(['chapter3', 'hint', 'port-spec']));
record('check.txt', 'pnpm lab check chapter3', inCopy(['check', 'chapter3']));
record('verify-in-copy.txt', 'pnpm lab verify chapter3', inCopy(['verify', 'chapter3']));

// A teacher's CI after a student edited a graded test of lab 1.
appendFileSync(join(copy, 'labs/chapter1/tests/getfqdn.test.ts'), '// edited\n');
record(
  'grade-all-ci.txt',
  'pnpm lab grade-all --ci --results lab-results',
  inCopy(['grade-all', '--ci', '--results', 'lab-results']),
);
