// A small course repository in a temporary folder, committed with git, for `pnpm lab export` to
// copy: two fixture labs with their solutions (`fair`, and `second`, the same lab under another
// id), a docs/ folder, an executable, and the untracked and uncommitted files a real checkout
// has (node_modules, a lab's .lab/ progress, a build output, an edit not committed yet).
import { execFileSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fixturesRoot, packageDir } from './run-cli.ts';

export interface CourseRepo extends AsyncDisposable {
  /** The course repository (use as --root). */
  readonly root: string;
  /** A scratch folder beside it, for export targets. */
  readonly scratch: string;
  /** The commit exported (HEAD). */
  readonly commit: string;
  /** Runs git in `dir` (default: the course) and returns what it printed. */
  git(args: readonly string[], dir?: string): string;
}

/** Committed in the course: the lab package.json's test scripts, as the real labs have them. */
const labPackage = (id: string) =>
  `${JSON.stringify(
    {
      name: `@netprog/lab-${id}`,
      private: true,
      type: 'module',
      scripts: {
        typecheck: 'tsc -p .',
        test: `netprog-lab verify ${id}`,
        'test:solutions': 'NETPROG_LAB_TARGET=solutions vitest run',
      },
    },
    null,
    2,
  )}\n`;

/**
 * Builds the course repository; removed on dispose.
 * @example
 * await using course = await makeCourseRepo();
 * await runCli(['--root', course.root, 'export', join(course.scratch, 'class')]);
 */
export async function makeCourseRepo(): Promise<CourseRepo> {
  const base = await mkdtemp(join(tmpdir(), 'netprog-export-test-'));
  const root = join(base, 'course');
  const scratch = join(base, 'scratch');
  await mkdir(scratch, { recursive: true });
  const write = async (path: string, text: string) => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  };
  await write('pnpm-workspace.yaml', 'packages:\n  - labs/*\n  - docs\n');
  await write(
    'package.json',
    `${JSON.stringify(
      {
        name: 'course',
        private: true,
        scripts: {
          test: 'turbo run test',
          lab: 'node packages/lab/bin/lab.mjs',
          docs: 'pnpm --filter @netprog/docs dev',
          'docs:build': 'turbo run docs:build',
        },
      },
      null,
      2,
    )}\n`,
  );
  await write('README.md', '# A course\n');
  await write('.gitignore', 'node_modules/\n.lab/\n');
  await write('docs/index.md', '# The course site\n');
  await write('bin/setup.sh', '#!/bin/sh\necho ready\n');
  await chmod(join(root, 'bin/setup.sh'), 0o755);
  for (const [id, from] of [
    ['fair', 'fair'],
    ['second', 'fair'],
  ] as const) {
    await cp(join(fixturesRoot, 'labs', from), join(root, 'labs', id), {
      recursive: true,
      filter: (source) => !source.includes(`${sep}.lab`) && !source.includes('node_modules'),
    });
    await write(`labs/${id}/package.json`, labPackage(id));
  }
  // Recorded mutants and Stryker's files: each is a solution with one line changed.
  await write(
    'labs/fair/mutants/shout/no-bang.ts',
    'export const shout = (s: string) => s.toUpperCase();\n',
  );
  await write('labs/fair/mutants/equivalent.json', '[]\n');
  await write('labs/fair/stryker.config.json', '{ "mutate": ["solutions/*.ts"] }\n');
  // `second` is `fair` under another id and chapter; the file hashes stay valid (same files).
  const manifest = JSON.parse(await readFile(join(root, 'labs/second/lab.json'), 'utf8'));
  Object.assign(manifest, { id: 'second', chapter: 3, title: 'A second lab', aliases: ['3'] });
  await write('labs/second/lab.json', `${JSON.stringify(manifest, null, 2)}\n`);

  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Teacher',
    GIT_AUTHOR_EMAIL: 'teacher@localhost',
    GIT_COMMITTER_NAME: 'Teacher',
    GIT_COMMITTER_EMAIL: 'teacher@localhost',
  };
  const git = (args: readonly string[], dir = root) =>
    execFileSync('git', ['-C', dir, '-c', 'commit.gpgsign=false', ...args], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  git(['init', '-q']);
  git(['add', '.']);
  git(['commit', '-q', '-m', 'the course']);
  const commit = git(['rev-parse', 'HEAD']).trim();

  // What a working checkout also has, none of which a class copy may contain.
  await symlink(join(packageDir, 'node_modules'), join(root, 'node_modules'), 'dir');
  await write('labs/fair/.lab/progress.json', '{"version":1,"hintsShown":{"shout":2}}\n');
  await write('build/out.js', 'console.log("built");\n');
  await write('README.md', '# A course\n\nAn edit not committed yet.\n');

  return {
    root,
    scratch,
    commit,
    git,
    [Symbol.asyncDispose]: () => rm(base, { recursive: true, force: true }),
  };
}
