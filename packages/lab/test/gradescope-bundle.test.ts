// `pnpm lab export --gradescope`: the bundle's run_autograder, run here on a fake /autograder
// (NETPROG_AUTOGRADER_ROOT) with a submission that holds one solved exercise and a graded test
// rewritten to pass, writes a results.json that validates against Gradescope's schema, grades the
// submitted exercise, ignores the submitted test, and says what the submission lacked. Also: the
// export stamps the course version, and `--force` over an older copy names what changed.
// setup.sh is not run (it downloads Node): node_modules is linked in place of its install.
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CourseRepo, makeCourseRepo } from './helpers/course-repo.ts';
import { exportFrom } from './helpers/export-course.ts';
import { cliEnv, fixturesRoot, packageDir } from './helpers/run-cli.ts';

const run = promisify(execFile);
let course: CourseRepo;
let autograder: string;
let bundle: string;
let exported: { code: number; out: string; err: string };

const exportCourse = (...argv: string[]) => exportFrom(course, argv);

beforeAll(async () => {
  course = await makeCourseRepo();
  // The grader, as the course has it: packages/lab (here a link to this package).
  await mkdir(join(course.root, 'packages'));
  await symlink(packageDir, join(course.root, 'packages/lab'), 'dir');
  course.git(['add', 'packages/lab']);
  course.git(['commit', '-q', '-m', 'the grader']);
  // Exported where Gradescope unzips it: /autograder/source.
  autograder = join(course.scratch, 'autograder');
  bundle = join(autograder, 'source');
  exported = await exportCourse('--gradescope', bundle);
});
afterAll(() => course?.[Symbol.asyncDispose]());

describe('the bundle', () => {
  test('has setup.sh with pinned versions, run_autograder, and the course without solutions', async () => {
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.out).toContain(
      `Wrote a Gradescope autograder for netprog unversioned to ${bundle}`,
    );
    const setup = await readFile(join(bundle, 'setup.sh'), 'utf8');
    expect(setup).toContain(`NODE_VERSION=${process.versions.node}\n`);
    expect(setup).not.toMatch(/@[A-Z_]+@/);
    for (const script of ['setup.sh', 'run_autograder']) {
      expect((await stat(join(bundle, script))).mode & 0o111).not.toBe(0);
      await run('bash', ['-n', join(bundle, script)]);
    }
    await expect(stat(join(bundle, 'course/labs/fair/solutions'))).rejects.toThrow();
    const marker = JSON.parse(await readFile(join(bundle, 'course/netprog-class.json'), 'utf8'));
    expect(marker.course).toEqual({ commit: expect.any(String), version: 'unversioned' });
  });

  test('run_autograder grades a submission with its own tests and writes results.json', {
    timeout: 300_000,
  }, async () => {
    // setup.sh's `pnpm install`, done the quick way.
    await symlink(join(packageDir, 'node_modules'), join(bundle, 'course/node_modules'), 'dir');
    const submission = join(autograder, 'submission/labs/fair');
    await mkdir(join(submission, 'exercises'), { recursive: true });
    await mkdir(join(submission, 'tests'), { recursive: true });
    await cp(
      join(fixturesRoot, 'labs/fair/solutions/shout.ts'),
      join(submission, 'exercises/shout.ts'),
    );
    // A test rewritten to pass whatever echo does: the bundle's own test is graded instead.
    await writeFile(
      join(submission, 'tests/echo.test.ts'),
      "import { test } from 'vitest';\ntest('gets its line echoed back by a loopback server', () => {});\n",
    );
    await run('bash', [join(bundle, 'run_autograder')], {
      env: cliEnv({ NETPROG_AUTOGRADER_ROOT: autograder }),
      timeout: 280_000,
    });
    const results = JSON.parse(await readFile(join(autograder, 'results/results.json'), 'utf8'));
    const schema = JSON.parse(
      await readFile(join(packageDir, 'schemas/gradescope-results.schema.json'), 'utf8'),
    );
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
    expect(
      results.tests.map((t: { name: string; score: number; status: string }) => [
        t.name,
        t.score,
        t.status,
      ]),
    ).toEqual([
      ['fair · shout: Shout a line', 4, 'passed'],
      ['fair · echo: Echo once', 0, 'failed'],
      ['second · shout: Shout a line', 0, 'failed'],
      ['second · echo: Echo once', 0, 'failed'],
    ]);
    expect(results.score).toBe(4);
    expect(results.output).toContain(
      'fair: not in the submission, so graded as the starter: echo.ts',
    );
    expect(results.output).toContain('second: none of its exercise files is in the submission');
    expect(results.tests[1].output).toContain('TODO: write echoOnce()');
    // A grading for the record keeps no module cache: the submission's code could have written
    // entries that the next lab's grading would load in place of its tests (module-cache.ts).
    for (const lab of ['fair', 'second']) {
      await expect(
        stat(join(bundle, 'course/labs', lab, '.lab/module-cache')),
        `labs/${lab}/.lab/module-cache`,
      ).rejects.toThrow(/ENOENT/);
    }
  });

  test('a grader that cannot run still leaves a results.json that says so', async () => {
    const empty = join(course.scratch, 'broken-autograder');
    await mkdir(empty);
    await run('bash', [join(bundle, 'run_autograder')], {
      env: cliEnv({ NETPROG_AUTOGRADER_ROOT: empty }),
    });
    const results = JSON.parse(await readFile(join(empty, 'results/results.json'), 'utf8'));
    expect(results).toMatchObject({ score: 0, tests: [] });
    expect(results.output).toMatch(/^The grader could not finish \(exit 1\): nothing was graded/);
  });
});

describe('course versions', () => {
  test('--force over an older copy names the labs whose tests, starters or points changed', async () => {
    const copy = join(course.scratch, 'class');
    expect((await exportCourse(copy)).out).toContain(
      'Course version unversioned, stamped in netprog-class.json',
    );
    // The next edition: a version, more points for one exercise, a changed test hash.
    const packageJson = JSON.parse(await readFile(join(course.root, 'package.json'), 'utf8'));
    await writeFile(
      join(course.root, 'package.json'),
      `${JSON.stringify({ ...packageJson, version: '1.1.0' }, null, 2)}\n`,
    );
    const labJson = join(course.root, 'labs/fair/lab.json');
    const manifest = JSON.parse(await readFile(labJson, 'utf8'));
    manifest.exercises[0].points = 5;
    manifest.testHashes['tests/echo.test.ts'] = `sha256-${'0'.repeat(64)}`;
    await writeFile(labJson, `${JSON.stringify(manifest, null, 2)}\n`);
    course.git(['commit', '-q', '-am', 'edition 1.1.0']);
    const again = await exportCourse(copy, '--force');
    expect(again.code).toBe(0);
    const tail = again.out.slice(again.out.indexOf('Course version'));
    expect(tail).toMatch(
      /^Course version 1\.1\.0, stamped in netprog-class\.json\nChanges since the copy's course version, unversioned \([0-9a-f]{10}\) → 1\.1\.0 \([0-9a-f]{10}\):\n {2}fair: graded tests changed \(tests\/echo\.test\.ts\); points 10 → 11 \(shout 4 → 5\)\n {2}unchanged: second\n$/,
    );
    const marker = JSON.parse(await readFile(join(copy, 'netprog-class.json'), 'utf8'));
    expect(marker.course.version).toBe('1.1.0');
    expect(marker.stamps.fair.points).toEqual({ shout: 5, echo: 6 });
  });
});
