// `pnpm lab export`: a class copy of a small course repository (test/helpers/course-repo.ts)
// holds the committed files without any solutions, keeps the graded tests and their hashes, adds
// the marker and the CI workflow, and works: `check` passes, `verify` and `--solution` refuse in
// one line, the starters grade to 0, and grade-all grades every lab and reports a changed test.
// Export runs main() in this process (it grades nothing); the grading runs go through the CLI.
import { lstat, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../src/cli/main.ts';
import { classTestScript } from '../src/export/rewrite.ts';
import { labVitestConfig } from '../src/lab-vitest-config.mjs';
import { type CourseRepo, makeCourseRepo } from './helpers/course-repo.ts';
import { fakeIo } from './helpers/fake-io.ts';
import { packageDir, runCli } from './helpers/run-cli.ts';

const template = new URL('../templates/grade.yml', import.meta.url);

let course: CourseRepo;
let copy: string;
let exported: { code: number; out: string; err: string };

async function exportCourse(...argv: string[]) {
  const io = fakeIo();
  const code = await main(['--root', course.root, 'export', ...argv], {
    ...io,
    cwd: course.scratch,
  });
  return { code, out: io.out(), err: io.err() };
}

/** Every path under `dir`, relative, folders included, not following links. */
async function walk(dir: string, prefix = ''): Promise<string[]> {
  const paths: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    paths.push(path);
    if (entry.isDirectory() && entry.name !== '.git') paths.push(...(await walk(dir, path)));
  }
  return paths;
}

beforeAll(async () => {
  course = await makeCourseRepo();
  copy = join(course.scratch, 'class');
  exported = await exportCourse('class');
});
afterAll(() => course?.[Symbol.asyncDispose]());

describe('the copy', () => {
  test('is the last commit without solutions, node_modules, .lab or untracked files', async () => {
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    const paths = await walk(copy);
    expect(paths.filter((p) => p.split('/').includes('solutions'))).toEqual([]);
    expect(paths.filter((p) => /(^|\/)(node_modules|\.lab|build)(\/|$)/.test(p))).toEqual([]);
    expect(paths).toContain('labs/fair/exercises/shout.ts');
    expect(paths).toContain('docs/index.md');
    // The committed README, not the edit in the working tree, and the export says so.
    expect(await readFile(join(copy, 'README.md'), 'utf8')).toBe('# A course\n');
    expect(exported.out).toContain(
      'note: 1 tracked file has uncommitted changes (README.md); the copy has the committed version',
    );
    expect(exported.out).toContain(`commit ${course.commit.slice(0, 10)}`);
    expect(exported.out).toContain('\nNext:\n  cd class && git init\n  git add -A && git commit');
    expect((await lstat(join(copy, 'bin/setup.sh'))).mode & 0o111).not.toBe(0);
  });

  test('keeps the graded tests and lab.json byte for byte, so the hashes still hold', async () => {
    for (const lab of ['fair', 'second']) {
      for (const file of ['lab.json', 'tests/shout.test.ts', 'tests/echo.test.ts']) {
        const path = `labs/${lab}/${file}`;
        expect(await readFile(join(copy, path)), path).toEqual(
          await readFile(join(course.root, path)),
        );
      }
    }
  });

  test('has the marker, the workflow, the labs’ check scripts and lab-results/ ignored', async () => {
    const marker = JSON.parse(await readFile(join(copy, 'netprog-class.json'), 'utf8'));
    expect(marker).toMatchObject({
      course: { commit: course.commit },
      labs: ['fair', 'second'],
      leftOut: ['labs/*/solutions/'],
    });
    const workflow = await readFile(join(copy, '.github/workflows/grade.yml'), 'utf8');
    expect(workflow).toBe(await readFile(template, 'utf8'));
    for (const step of [
      'npm install -g pnpm@10',
      'pnpm install --frozen-lockfile',
      'pnpm lab grade-all --ci --results lab-results',
      'uses: actions/upload-artifact@v4',
      'os: [ubuntu-latest, macos-latest]',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's expression, not JavaScript's
      'runs-on: ${{ matrix.os }}',
    ]) {
      expect(workflow).toContain(step);
    }
    const scripts = JSON.parse(await readFile(join(copy, 'labs/fair/package.json'), 'utf8'))
      .scripts as Record<string, string>;
    expect(scripts).toEqual({ typecheck: 'tsc -p .', test: classTestScript('fair') });
    // With every lab exported, the site stays, and so do its scripts.
    const rootScripts = JSON.parse(await readFile(join(copy, 'package.json'), 'utf8')).scripts;
    expect(Object.keys(rootScripts)).toEqual(['test', 'lab', 'docs', 'docs:build']);
    expect(await readFile(join(copy, '.gitignore'), 'utf8')).toMatch(
      /^node_modules\/\n\.lab\/\n# .+\nlab-results\/\n$/,
    );
  });
});

describe('in the copy', () => {
  beforeAll(async () => {
    // What `pnpm install` gives a real copy: vitest where the labs' tests can import it.
    await symlink(join(packageDir, 'node_modules'), join(copy, 'node_modules'), 'dir');
  });

  test('check passes; verify and --solution say it is a student copy, in one line, exit 2', async () => {
    const check = await runCli(['--root', copy, 'check']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain(
      'check: the graded tests of all 2 labs are the ones lab.json records',
    );
    const verify = await runCli(['--root', copy, 'verify']);
    expect(verify).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'pnpm lab: this is a student copy of the course (netprog-class.json), without reference solutions: verify needs the course repository; `pnpm lab check` checks the graded tests here\n',
    });
    const solution = await runCli(['--root', copy, 'fair', '--solution', '--once']);
    expect(solution).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'pnpm lab: this is a student copy of the course (netprog-class.json), without reference solutions: --solution needs the course repository; `pnpm lab fair` grades your exercises\n',
    });
  }, 60_000);

  test('the labs’ vitest config says why NETPROG_LAB_TARGET=solutions cannot work', () => {
    expect(() => labVitestConfig(pathToFileURL(join(copy, 'labs/fair/')), 'solutions')).toThrow(
      /^NETPROG_LAB_TARGET=solutions, but .+\/labs\/fair\/solutions\/ does not exist \(a student copy of the course has no reference solutions\)/,
    );
    expect(() =>
      labVitestConfig(pathToFileURL(join(copy, 'labs/fair/')), 'exercises'),
    ).not.toThrow();
  });

  test('the starters grade to 0 points, as in the course', async () => {
    const graded = await runCli(['--root', copy, 'fair', '--once'], { timeoutMs: 90_000 });
    expect(graded.code, graded.stdout + graded.stderr).toBe(1);
    expect(graded.stdout).toContain('Score 0/10 · 0 of 2 exercises pass');
  }, 100_000);

  test('grade-all grades every lab, writes the results, and --ci names a changed test', async () => {
    const test = join(copy, 'labs/fair/tests/shout.test.ts');
    const original = await readFile(test);
    await writeFile(test, `${original}\n// made easier\n`);
    const results = join(course.scratch, 'results');
    try {
      const run = await runCli(['--root', copy, 'grade-all', '--ci', '--results', results], {
        timeoutMs: 180_000,
      });
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stderr).toBe(
        '--ci: fair: protected test files do not match lab.json: tests/shout.test.ts (changed)\n',
      );
      // fair failed, and second was still graded.
      expect(run.stdout).toContain(
        '  ⚠ fair    A fair little lab  0/10 points  0/2 exercises  graded tests do not match lab.json: tests/shout.test.ts changed\n',
      );
      expect(run.stdout).toContain(
        '  ✗ second  A second lab       0/10 points  0/2 exercises  2 exercises to go\n',
      );
      expect(run.stdout).toContain('Total 0/20 points · 0 of 2 labs pass');
      expect((await readdir(results)).sort()).toEqual([
        'fair.json',
        'fair.xml',
        'second.json',
        'second.xml',
        'summary.md',
      ]);
      const second = JSON.parse(await readFile(join(results, 'second.json'), 'utf8'));
      expect(second).toMatchObject({ lab: { id: 'second' }, points: 0, max: 10, status: 'fail' });
      expect(await readFile(join(results, 'fair.xml'), 'utf8')).toContain(
        '<testsuites name="fair"',
      );
      expect(await readFile(join(results, 'summary.md'), 'utf8')).toContain(
        '| ❌ | second · A second lab | 0/10 | 0/2 | 2 exercises to go |',
      );
    } finally {
      await writeFile(test, original);
    }
  }, 200_000);
});

describe('choosing labs', () => {
  test('--labs leaves out the other labs and docs/, and the scripts that build the site', async () => {
    const result = await exportCourse('only-second', '--labs', '3');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const dir = join(course.scratch, 'only-second');
    const paths = await walk(dir);
    expect(paths.filter((p) => p.startsWith('labs/fair') || p.startsWith('docs'))).toEqual([]);
    expect(paths).toContain('labs/second/tests/shout.test.ts');
    expect(result.out).toContain(
      'also left out: the other labs (fair); docs/ (the course site is built from every lab)',
    );
    const marker = JSON.parse(await readFile(join(dir, 'netprog-class.json'), 'utf8'));
    expect(marker).toMatchObject({
      labs: ['second'],
      leftOut: ['labs/*/solutions/', 'labs/fair/', 'docs/'],
    });
    const rootScripts = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')).scripts;
    expect(Object.keys(rootScripts)).toEqual(['test', 'lab']);
  });
});

describe('refusals: one line, exit 2, nothing written', () => {
  test('a folder that is not empty, inside the course, or holding it; an unknown lab', async () => {
    const full = await exportCourse('class');
    expect(full.code).toBe(2);
    expect(full.err).toMatch(
      /^pnpm lab: .+\/class is not empty \(\d+ entries\): export to a new or empty folder, or add --force to replace everything in it but \.git\n$/,
    );
    const inside = await exportCourse(join(course.root, 'labs/class'));
    expect(inside.code).toBe(2);
    expect(inside.err).toMatch(
      /^pnpm lab: .+ is inside the course repository \(.+\): export to a folder outside it, e\.g\. .+course-class\n$/,
    );
    const around = await exportCourse(join(course.root, '..'));
    expect(around.err).toMatch(/ contains the course repository /);
    const unknown = await exportCourse('elsewhere', '--labs', 'fair,nope');
    expect(unknown).toMatchObject({ code: 2, out: '' });
    expect(unknown.err).toMatch(/^pnpm lab: unknown lab "nope": choose one of /);
    await expect(readdir(join(course.scratch, 'elsewhere'))).rejects.toThrow();
    const fromCopy = await main(
      ['--root', copy, 'export', join(course.scratch, 'again')],
      fakeIo(),
    );
    expect(fromCopy).toBe(2);
  });

  test('--force replaces an earlier export but keeps its .git', async () => {
    const dir = join(course.scratch, 'class-repo');
    expect((await exportCourse('class-repo')).code).toBe(0);
    course.git(['init', '-q'], dir);
    await writeFile(join(dir, 'stale.txt'), 'from an earlier export\n');
    const again = await exportCourse('class-repo', '--force');
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/replaced what was in the folder \(\d+ entries; \.git kept\)/);
    // A repository already: the next step is to review and commit, not to `git init`.
    expect(again.out).toContain(`cd class-repo && git status`);
    expect(again.out).toContain(
      `git add -A && git commit -m "Update from netprog ${course.commit.slice(0, 10)}"`,
    );
    const paths = await walk(dir);
    expect(paths).not.toContain('stale.txt');
    expect(paths).toContain('.git');
    expect(paths).toContain('netprog-class.json');
  });
});

describe('in the course, a missing solution is named', () => {
  test('by --solution (exit 2) and by verify (exit 1), which still checks the rest', async () => {
    const solution = join(course.root, 'labs/second/solutions/echo.ts');
    const original = await readFile(solution);
    await rm(solution);
    try {
      const graded = await runCli(['--root', course.root, 'second', '--solution', '--once']);
      expect(graded).toMatchObject({
        code: 2,
        stdout: '',
        stderr:
          'pnpm lab: --solution grades the reference solutions, but labs/second/solutions/echo.ts does not exist: restore it (git checkout) or write it\n',
      });
      const verify = await runCli(['--root', course.root, 'verify', 'second'], {
        timeoutMs: 90_000,
      });
      expect(verify.code, verify.stdout + verify.stderr).toBe(1);
      expect(verify.stdout).toContain(
        [
          '  ✗ solutions/ holds a reference solution for every exercise',
          "      - labs/second/solutions/echo.ts does not exist: every exercise needs its solution under solutions/, with the starter's file name",
          '  ✓ starters: 0/10 points, each of 3 graded tests fails',
        ].join('\n'),
      );
      expect(verify.stdout).not.toContain('✓ solutions:');
    } finally {
      await writeFile(solution, original);
    }
  }, 100_000);
});
