// `pnpm lab export`: a class copy of a small course repository (test/helpers/course-repo.ts)
// holds the committed files without any solutions, keeps the graded tests and their hashes, adds
// the marker and the CI workflow, and works: `check` passes, `verify` and `--solution` refuse in
// one line, the starters grade to 0, and grade-all grades every lab and reports a changed test.
// Every command runs through main() in this process (helpers/run-cli-in-process.ts); each grading
// still runs in a grading process of its own.
import { spawnSync } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../src/cli/main.ts';
import { classTestScript } from '../src/export/rewrite.ts';
import { labVitestConfig } from '../src/lab-vitest-config.mjs';
import { hashText } from '../src/manifest/hash.ts';
import { type CourseRepo, makeCourseRepo } from './helpers/course-repo.ts';
import { exportFrom } from './helpers/export-course.ts';
import { fakeIo } from './helpers/fake-io.ts';
import { packageDir } from './helpers/run-cli.ts';
import { runCliInProcess } from './helpers/run-cli-in-process.ts';

const template = new URL('../templates/grade.yml', import.meta.url);

let course: CourseRepo;
let copy: string;
let exported: { code: number; out: string; err: string };

const exportCourse = (...argv: string[]) => exportFrom(course, argv);

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
    // Nor the recorded mutants (each a solution with one line changed), nor Stryker's files.
    expect(paths.filter((p) => /(^|\/)(mutants|stryker\.[^/]*)(\/|$)/.test(p))).toEqual([]);
    expect(exported.out).toContain(
      "without the recorded mutants either (6 files of labs/*/mutants/ and Stryker's files left out",
    );
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
      leftOut: ['labs/*/solutions/', 'labs/*/mutants/'],
    });
    // What the class workflow puts back and checks before grading: the files that decide grades.
    const protectedFiles = Object.keys(marker.protected.files);
    expect(protectedFiles).toEqual(
      expect.arrayContaining([
        '.github/workflows/grade.yml',
        'labs/fair/lab.json',
        'labs/fair/tests/shout.test.ts',
        'package.json',
      ]),
    );
    expect(protectedFiles.filter((p) => p.includes('/exercises/') || p === 'README.md')).toEqual(
      [],
    );
    const workflow = await readFile(join(copy, '.github/workflows/grade.yml'), 'utf8');
    // The template, then Classroom's reporter with one runner per exercise of the copy.
    expect(workflow.startsWith(await readFile(template, 'utf8'))).toBe(true);
    expect(workflow).toContain('runners: fair_shout,fair_echo,second_shout,second_echo\n');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not JavaScript
    expect(workflow).toContain('FAIR_SHOUT_RESULTS: ${{ steps.grade.outputs.fair_shout }}');
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
    const check = await runCliInProcess(['--root', copy, 'check']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain(
      'check: the graded tests of all 2 labs are the ones lab.json records',
    );
    const verify = await runCliInProcess(['--root', copy, 'verify']);
    expect(verify).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'pnpm lab: this is a student copy of the course (netprog-class.json), without reference solutions: verify needs the course repository; `pnpm lab check` checks the graded tests here\n',
    });
    const solution = await runCliInProcess(['--root', copy, 'fair', '--solution', '--once']);
    expect(solution).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'pnpm lab: this is a student copy of the course (netprog-class.json), without reference solutions: --solution needs the course repository; `pnpm lab fair` grades your exercises\n',
    });
  }, 60_000);

  test('rehash refuses in one line, exit 2, and lab.json is left as it was', async () => {
    const manifest = join(copy, 'labs/fair/lab.json');
    const before = await readFile(manifest, 'utf8');
    const test = join(copy, 'labs/fair/tests/shout.test.ts');
    const original = await readFile(test);
    await writeFile(test, `${original}\n// made easier\n`);
    try {
      const io = fakeIo();
      const code = await main(['--root', copy, 'rehash', 'fair'], io);
      expect({ code, out: io.out(), err: io.err() }).toEqual({
        code: 2,
        out: '',
        err: "pnpm lab: this is a student copy of the course (netprog-class.json): the graded tests and their hashes are the teacher's, so rehash runs only in the course repository; to undo an edit: git checkout -- 'labs/*/tests' 'labs/*/lab.json'\n",
      });
      expect(await readFile(manifest, 'utf8')).toBe(before);
    } finally {
      await writeFile(test, original);
    }
  });

  test('the labs’ vitest config says why NETPROG_LAB_TARGET=solutions cannot work', () => {
    expect(() => labVitestConfig(pathToFileURL(join(copy, 'labs/fair/')), 'solutions')).toThrow(
      /^NETPROG_LAB_TARGET=solutions, but .+\/labs\/fair\/solutions\/ does not exist \(a student copy of the course has no reference solutions\)/,
    );
    expect(() =>
      labVitestConfig(pathToFileURL(join(copy, 'labs/fair/')), 'exercises'),
    ).not.toThrow();
  });

  test('the starters grade to 0 points, as in the course', async () => {
    const graded = await runCliInProcess(['--root', copy, 'fair', '--once'], { timeoutMs: 90_000 });
    expect(graded.code, graded.stdout + graded.stderr).toBe(1);
    expect(graded.stdout).toContain('Score 0/10 · 0 of 2 exercises pass');
  }, 100_000);

  test('grade-all grades every lab, writes the results, and --ci names a changed test', async () => {
    const test = join(copy, 'labs/fair/tests/shout.test.ts');
    const original = await readFile(test);
    await writeFile(test, `${original}\n// made easier\n`);
    const results = join(course.scratch, 'results');
    try {
      const run = await runCliInProcess(
        ['--root', copy, 'grade-all', '--ci', '--results', results],
        {
          timeoutMs: 180_000,
        },
      );
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stderr).toBe(
        '--ci: fair: protected files changed: tests/shout.test.ts (edited)\n',
      );
      // fair failed, and second was still graded.
      expect(run.stdout).toContain(
        '  ⚠ fair    A fair little lab  0/10 points  0/2 exercises  protected files changed: tests/shout.test.ts (edited)\n',
      );
      expect(run.stdout).toContain(
        '  ✗ second  A second lab       0/10 points  0/2 exercises  2 exercises to go\n',
      );
      expect(run.stdout).toContain('Total 0/20 points · 0 of 2 labs pass');
      // No module cache under --ci: exercise code of a lab graded earlier in the run could have
      // written entries for the next lab's tests.
      await expect(readdir(join(copy, 'labs/second/.lab/module-cache'))).rejects.toThrow(/ENOENT/);
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

  test('exercise code that writes to the grader taints its lab and every lab graded after it', async () => {
    // fair's starter, plus one line that rewrites a file of the grader as it was: what code that
    // slipped a forged file in and put the original back would leave. second is graded after it.
    const exercise = join(copy, 'labs/fair/exercises/shout.ts');
    const original = await readFile(exercise, 'utf8');
    const grader = 'packages/lab/src/grade/limits.ts';
    // This small course has no grader of its own (runCliInProcess runs the repository's): give it
    // the one file the exercise writes to.
    await mkdir(join(copy, dirname(grader)), { recursive: true });
    await writeFile(join(copy, grader), '// the grader\n');
    await writeFile(
      exercise,
      `${original}\nimport { readFileSync as r, writeFileSync as w } from 'node:fs';\n` +
        `const g = new URL('../../../${grader}', import.meta.url);\nw(g, r(g));\n`,
    );
    try {
      const run = await runCliInProcess(
        ['--root', copy, 'grade-all', '--ci', '--format', 'gradescope'],
        {
          timeoutMs: 180_000,
        },
      );
      expect(run.code, run.stdout + run.stderr).toBe(1);
      const tainted = `${grader} (grader file, written while graded)`;
      expect(run.stderr).toContain(`--ci: fair: protected files changed: ${tainted}\n`);
      expect(run.stderr).toContain(`--ci: second: protected files changed: ${tainted}\n`);
      // The platforms give both labs 0 points, naming the file.
      expect(run.stdout).toContain(`${tainted}: 0 points for this lab`);
    } finally {
      await writeFile(exercise, original);
      await rm(join(copy, 'packages'), { recursive: true, force: true });
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
      leftOut: ['labs/*/solutions/', 'labs/*/mutants/', 'labs/fair/', 'docs/'],
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
      const graded = await runCliInProcess([
        '--root',
        course.root,
        'second',
        '--solution',
        '--once',
      ]);
      expect(graded).toMatchObject({
        code: 2,
        stdout: '',
        stderr:
          'pnpm lab: --solution grades the reference solutions, but labs/second/solutions/echo.ts does not exist: restore it (git checkout) or write it\n',
      });
      const verify = await runCliInProcess(['--root', course.root, 'verify', 'second'], {
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

// What the class's CI does with a student's push: the workflow's steps, run as written in the
// exported grade.yml (the restore step with bash, the grading step's command through the CLI),
// in a class repository made the way a teacher makes one.
describe('the class workflow', () => {
  let dir: string;
  let workflow: string;

  /** The `run:` text of the workflow step with this id. */
  function stepRun(id: string): string {
    const lines = workflow.split('\n');
    const at = lines.findIndex((line) => line.trim() === `- id: ${id}`);
    const run = lines.findIndex((line, index) => index > at && /^\s+run: /.test(line));
    const first = lines[run] ?? '';
    if (!first.trim().endsWith('|')) return first.replace(/^\s+run: /, '');
    const body: string[] = [];
    for (const line of lines.slice(run + 1)) {
      if (line.trim() !== '' && !line.startsWith(' '.repeat(first.indexOf('run:') + 2))) break;
      body.push(line);
    }
    const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.search(/\S/)));
    return body.map((l) => l.slice(indent)).join('\n');
  }

  function runStep(id: string) {
    // How GitHub Actions runs a step with `shell: bash`.
    const result = spawnSync(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', stepRun(id)],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    return { code: result.status, out: result.stdout + result.stderr };
  }

  beforeAll(async () => {
    const made = await exportCourse('class-ci');
    expect(made.code, made.err).toBe(0);
    dir = join(course.scratch, 'class-ci');
    workflow = await readFile(join(dir, '.github/workflows/grade.yml'), 'utf8');
    course.git(['init', '-q'], dir);
    course.git(['add', '-A'], dir);
    course.git(['commit', '-q', '-m', 'Class copy of netprog'], dir);
  });

  test('a student commit that edits a graded test and its hash does not change the grade', async () => {
    // The forgery: a test that always passes, and lab.json's hash made to match it.
    const test = join(dir, 'labs/fair/tests/shout.test.ts');
    const manifestPath = join(dir, 'labs/fair/lab.json');
    const exported = { test: await readFile(test), manifest: await readFile(manifestPath) };
    const forged =
      "import { expect, test } from 'vitest';\n\ntest('shouts', () => expect(1).toBe(1));\n";
    await writeFile(test, forged);
    const manifest = JSON.parse(exported.manifest.toString());
    manifest.testHashes['tests/shout.test.ts'] = hashText(forged);
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    course.git(['commit', '-q', '-am', 'make shout easier'], dir);
    // Consistent enough to fool the hashes alone.
    const io = fakeIo();
    expect(await main(['--root', dir, 'check', 'fair'], io), io.out()).toBe(0);

    const restore = runStep('restore');
    expect(restore.code, restore.out).toBe(0);
    expect(restore.out).toContain('labs/fair/tests/shout.test.ts');
    expect(restore.out).toMatch(/grading with the files of the export, commit [0-9a-f]{10}\n$/);
    expect(await readFile(test)).toEqual(exported.test);
    expect(await readFile(manifestPath)).toEqual(exported.manifest);

    const grade = stepRun('grade');
    expect(grade).toBe(
      'pnpm lab grade-all --ci --results lab-results --format classroom >> "$GITHUB_OUTPUT"',
    );
    await symlink(join(packageDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const results = join(dir, 'lab-results');
    // The step's words, with the results folder made absolute and stdout (the step outputs) kept.
    const words = (grade.split(' >> ')[0] ?? '').split(' ').slice(2);
    words[words.indexOf('lab-results')] = results;
    const run = await runCliInProcess(['--root', dir, ...words], { timeoutMs: 180_000 });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const fair = JSON.parse(await readFile(join(results, 'fair.json'), 'utf8'));
    // The teacher's test: the starter's shout still scores 0 (the forged test gave it 4).
    expect(fair.exercises[0]).toMatchObject({ id: 'shout', points: 0, max: 4 });
    expect(fair.integrity).toEqual([]);
  }, 200_000);

  test('a changed workflow fails the restore step loudly', async () => {
    const file = join(dir, '.github/workflows/grade.yml');
    await writeFile(file, workflow.replace('pnpm lab grade-all --ci', 'echo all good #'));
    course.git(['commit', '-q', '-am', 'grade faster'], dir);
    try {
      const restore = runStep('restore');
      expect(restore.code).toBe(1);
      expect(restore.out).toMatch(
        /^::error file=\.github\/workflows\/grade\.yml::the grading workflow was changed after the export \(commit [0-9a-f]{10}\), so this run cannot be trusted to grade/,
      );
    } finally {
      course.git(['reset', '-q', '--hard', 'HEAD~1'], dir);
    }
  });
});
