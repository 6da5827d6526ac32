// `pnpm --filter @netprog/lab docs:record`: records, from real runs, the outputs the teacher's guide
// (docs/teachers.md) embeds, into outputs/guide/: nothing on that page is typed by hand. Each file
// starts with the command that was run. Runs the real CLI from the repository root in folders
// under /tmp/netprog-guide (the paths the outputs show); the "update" example exports an older
// course commit (a git worktree), then this one over it with --force.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { lab, recorder, repo } from './recorded-run.ts';

const record = recorder('guide');
const work = '/tmp/netprog-guide';
/** The course before labs 4-6 got their recorded mutants and new tests (merge of labs-123). */
const OLDER_COMMIT = 'ec5dd30';

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

record('version.txt', 'pnpm lab --version', lab(['--version']).stdout);

// Adopting: a class repository with lab 3, and a Gradescope bundle of it.
const exportArgs = ['export', `${work}/net-101`, '--labs', '3'];
record('export.txt', `pnpm lab ${exportArgs.join(' ')}`, lab(exportArgs).stdout);
const bundleArgs = ['export', '--gradescope', `${work}/autograder`, '--labs', '3'];
record('export-gradescope.txt', `pnpm lab ${bundleArgs.join(' ')}`, lab(bundleArgs).stdout);

// Updating: a copy of an older course commit, then this one over it.
const older = `${work}/course-${OLDER_COMMIT}`;
execFileSync('git', ['-C', repo, 'worktree', 'add', '--detach', older, OLDER_COMMIT], {
  stdio: 'ignore',
});
try {
  lab(['--root', older, 'export', `${work}/net-102`]);
} finally {
  execFileSync('git', ['-C', repo, 'worktree', 'remove', '--force', older], { stdio: 'ignore' });
}
const forceArgs = ['export', `${work}/net-102`, '--force'];
record('export-force.txt', `pnpm lab ${forceArgs.join(' ')}`, lab(forceArgs).stdout);

// The platforms' formats, from a grading of lab 3's starters.
record(
  'gradescope-results.json.txt',
  'pnpm lab chapter3 --format gradescope',
  lab(['chapter3', '--format', 'gradescope']).stdout,
);
const classroom = lab(['chapter3', '--format', 'classroom']).stdout;
const [first = ''] = classroom.split('\n');
const [runner = '', base64 = ''] = first.split('=');
record(
  'classroom-outputs.txt',
  'pnpm lab chapter3 --format classroom | cut -c1-100',
  classroom
    .split('\n')
    .map((line) => line.slice(0, 100))
    .join('\n'),
);
record(
  'classroom-result.json.txt',
  `echo "$${runner.toUpperCase()}_RESULTS" | base64 -d   # the first runner, as the reporter decodes it`,
  `${JSON.stringify(JSON.parse(Buffer.from(base64, 'base64').toString('utf8')), null, 2)}\n`,
);

// Every kind of grading message: the runner's own fixture lab where each exercise goes wrong
// in a different way.
const mixed = lab(['--root', 'packages/lab/test/fixtures', 'mixed', '--once']);
record(
  'messages.txt',
  'pnpm lab mixed --once   # a lab whose exercises go wrong in every way',
  mixed.stdout,
);
rmSync(join(repo, 'packages/lab/test/fixtures/labs/mixed/.lab'), { recursive: true, force: true });
