// Part of `pnpm --filter @netprog/lab docs:record`: records, from real runs, the outputs this
// package's README.md shows of the course's own labs, into outputs/readme/. A README cannot embed
// files, so `pnpm --filter @netprog/lab generate` copies each recording into the README's block
// that names it (`<!-- recorded: outputs/readme/list.txt -->`), and test/readme-outputs.test.ts
// fails when a block and its recording differ. Runs in a fresh class copy of the course under
// /tmp/netprog-readme (the copy's starters, the copy's `pnpm lab`, from the copy's folder), and
// for what only an author does (verify, rehash) or what needs a lab of every kind, in a copy of
// the runner's fixture labs (test/fixtures/labs) in a temporary folder. Watch mode's recording
// needs a terminal, which util-linux's `script` provides.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixtureLabs } from '../test/helpers/temp-labs.ts';
import { lab, recorder, repo } from './recorded-run.ts';

const record = recorder('readme');
const work = '/tmp/netprog-readme';
const copy = join(work, 'class');

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
lab(['export', copy]);
execFileSync('pnpm', ['install', '--offline', '--silent'], { cwd: copy, stdio: 'ignore' });

// The fixture labs: a fair one, and one whose exercises go wrong in every way. Copied (as the
// runner's tests copy them), so that the gradings leave nothing in the repository's fixtures.
const fixtures = await copyFixtureLabs(['fair', 'mixed']);

/** What `pnpm lab …args` prints (stdout, then stderr) in the class copy, from its folder. */
const inCopy = (args: readonly string[]) => printed(lab(args, { cwd: copy }));
/** The same for the fixture labs, graded by this repository's runner as its tests grade them. */
const inFixtures = (args: readonly string[]) =>
  printed(
    lab(['--root', fixtures.root, ...args], {
      cwd: fixtures.root,
      bin: join(repo, 'packages/lab/bin/lab.mjs'),
    }),
  );
function printed(run: { stdout: string; stderr: string }): string {
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

// Watch mode needs a terminal: util-linux's `script` gives it one. The first grading, then
// port-spec's reference solution saved over its starter, then `q`. What stays on the screen
// after the last clear is what the reader sees.
const CLEAR = '\x1b[2J\x1b[3J\x1b[H';
async function watchAndSave(): Promise<string> {
  const child = spawn('script', ['-qfec', 'node packages/lab/bin/lab.mjs chapter3', '/dev/null'], {
    cwd: copy,
    env: { ...process.env, NO_COLOR: '1', INIT_CWD: copy },
  });
  let screen = '';
  const until = (text: string, after = 0) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!screen.includes(text, after)) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`watch mode never printed "${text}"`));
      }, 60_000);
      const done = () => {
        clearTimeout(timer);
        child.stdout.off('data', check);
      };
      child.stdout.on('data', check);
      check();
    });
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
  });
  await until('Watching exercises/');
  const saved = screen.length;
  copyFileSync(
    join(repo, 'labs/chapter3/solutions/port-spec.ts'),
    join(copy, 'labs/chapter3/exercises/port-spec.ts'),
  );
  await until('Watching exercises/', saved);
  child.stdin.write('q');
  await new Promise((resolve) => child.once('close', resolve));
  const last = screen.slice(screen.lastIndexOf(CLEAR) + CLEAR.length);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escapes are what it removes
  return last.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replaceAll('\r\n', '\n');
}
record(
  'watch-save.txt',
  "pnpm lab chapter3   # then port-spec's solution saved over exercises/port-spec.ts",
  await watchAndSave(),
);

record('verify-fair.txt', 'pnpm lab verify fair', inFixtures(['verify', 'fair']));
record('verify-mixed.txt', 'pnpm lab verify mixed', inFixtures(['verify', 'mixed']));
// A student's first grading keeps a copy of each untouched starter (.lab/starters/): reset
// finds it there after the file was changed.
inFixtures(['fair', '--once']);
appendFileSync(join(fixtures.root, 'labs/fair/exercises/shout.ts'), '// my own attempt\n');
record(
  'reset.txt',
  'pnpm lab fair reset shout --yes',
  inFixtures(['fair', 'reset', 'shout', '--yes']),
);
appendFileSync(join(fixtures.root, 'labs/fair/tests/shout.test.ts'), '// one more comment\n');
record('rehash.txt', 'pnpm lab rehash fair', inFixtures(['rehash', 'fair']));

await fixtures[Symbol.asyncDispose]();
