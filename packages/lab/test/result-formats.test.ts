// Every machine-readable format, from real gradings of the fair fixture lab (its starters and its
// solutions), validated against the JSON Schemas in schemas/ by ajv, an independent reader, and
// checked to agree with our own points: Gradescope's tests and Classroom's per-test scores add up
// to exactly what --json says. Partial credit and the other statuses are covered without a
// grading in platform-formats.test.ts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, test } from 'vitest';
import {
  type ClassroomResult,
  classroomResultSchema,
  type GradescopeResults,
  gradescopeResultsSchema,
  type JsonReport,
  jsonReportSchema,
  RESULT_SCHEMAS,
  resultJsonSchema,
} from '../src/output/result-schemas.ts';
import { packageDir } from './helpers/run-cli.ts';
import { runCliInProcess } from './helpers/run-cli-in-process.ts';
import { copyFixtureLabs } from './helpers/temp-labs.ts';

const ajv = new Ajv2020({ allErrors: true });
const validator = async (file: string) =>
  ajv.compile(JSON.parse(await readFile(join(packageDir, file), 'utf8')));
const [jsonFile, gradescopeFile, classroomFile] = RESULT_SCHEMAS.map((s) => s.file);

test('schemas/ holds the JSON Schemas of result-schemas.ts', async () => {
  for (const { file, schema } of RESULT_SCHEMAS) {
    const written = await readFile(join(packageDir, file), 'utf8');
    expect(written, `${file}: run \`pnpm --filter @netprog/lab generate\``).toBe(
      resultJsonSchema(schema),
    );
  }
});

const scratch = await mkdtemp(join(tmpdir(), 'netprog-formats-'));
// A copy of the fixture lab: grading writes its progress into the lab's .lab/.
const course = await copyFixtureLabs(['fair']);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await course[Symbol.asyncDispose]();
});

/** One lab graded three ways at once: --json (via --results), --format gradescope and classroom. */
async function gradeEveryFormat(lab: string, solution: boolean) {
  const results = join(scratch, `${lab}-${solution ? 'solutions' : 'exercises'}`);
  const root = ['--root', course.root];
  // A few gradings at once on a machine that may be busy: generous, since a hang still ends.
  const cli = (args: string[]) => runCliInProcess([...root, ...args], { timeoutMs: 150_000 });
  const [all, classroom] = await Promise.all([
    // grade-all grades exercises only; the solutions' Gradescope document comes from `pnpm lab <lab>`.
    solution
      ? cli([lab, '--solution', '--format', 'gradescope'])
      : cli(['grade-all', '--labs', lab, '--format', 'gradescope', '--results', results]),
    cli([lab, '--format', 'classroom', ...(solution ? ['--solution'] : [])]),
  ]);
  const json: unknown = solution
    ? JSON.parse((await cli([lab, '--solution', '--json'])).stdout)
    : JSON.parse(await readFile(join(results, `${lab}.json`), 'utf8'));
  // A grading that did not finish prints nothing to parse: say why instead.
  for (const run of [all, classroom]) {
    expect(run.stdout, `exit ${run.code}, stderr: ${run.stderr}`).not.toBe('');
  }
  return {
    json,
    gradescope: JSON.parse(all.stdout) as unknown,
    classroom: classroom.stdout,
    stderr: all.stderr,
  };
}

/** The `runner=base64` lines, decoded. */
function decodeOutputs(text: string): Map<string, unknown> {
  const lines = text.trimEnd().split('\n');
  return new Map(
    lines.map((line) => {
      const [id = '', value = ''] = line.split('=', 2);
      expect(id).toMatch(/^[A-Za-z0-9_]+$/);
      return [id, JSON.parse(Buffer.from(value, 'base64').toString('utf8'))];
    }),
  );
}

describe.concurrent.each([
  { lab: 'fair', solution: false },
  { lab: 'fair', solution: true },
])(
  '$lab (solutions: $solution): every format, from real gradings',
  { timeout: 300_000 },
  ({ lab, solution }) => {
    const graded = gradeEveryFormat(lab, solution);

    test('--json matches schemas/lab-results.schema.json', async () => {
      const { json } = await graded;
      const validate = await validator(jsonFile ?? '');
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      jsonReportSchema.parse(json);
    });

    test('Gradescope: valid results.json, one test per exercise with our points', async () => {
      const { json, gradescope } = await graded;
      const validate = await validator(gradescopeFile ?? '');
      expect(validate(gradescope), JSON.stringify(validate.errors)).toBe(true);
      const report = json as JsonReport;
      const results = gradescopeResultsSchema.parse(gradescope) as GradescopeResults;
      expect(results.score).toBe(report.points);
      expect(results.tests.map((t) => [t.score, t.max_score])).toEqual(
        report.exercises.map((e) => [e.points, e.max]),
      );
      for (const [index, t] of results.tests.entries()) {
        const exercise = report.exercises[index];
        expect(t.name).toContain(exercise?.id ?? '?');
        expect(t.status).toBe(exercise?.status === 'pass' ? 'passed' : 'failed');
        // A failing exercise shows its first failure; a passing one nothing.
        if (t.status === 'passed') expect(t.output).toBe('');
        else expect(t.output).toContain(`✗ ${exercise?.id}`.slice(2));
      }
    });

    test('Classroom: one valid runner result per exercise; scores add up to our points', async () => {
      const { json, classroom } = await graded;
      const validate = await validator(classroomFile ?? '');
      const report = json as JsonReport;
      const runners = decodeOutputs(classroom);
      expect([...runners.keys()]).toEqual(report.exercises.map((e) => `${lab}_${e.id}`));
      let total = 0;
      let max = 0;
      for (const exercise of report.exercises) {
        const result = runners.get(`${lab}_${exercise.id}`);
        expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
        const runner = classroomResultSchema.parse(result) as ClassroomResult;
        const sum = runner.tests.reduce((s, t) => s + t.score, 0);
        // What the reporter sums for "Points X/Y", per exercise: exactly our points.
        expect([sum, runner.max_score]).toEqual([exercise.points, exercise.max]);
        expect(runner.status).toBe(
          exercise.status === 'pass' ? 'pass' : exercise.status === 'fail' ? 'fail' : 'error',
        );
        // What its table computes (passed / tests × max_score) is the same share before our
        // rounding down: never below our points, less than one point above, or one above for a
        // pass that left something open.
        const passed = runner.tests.filter((t) => t.status === 'pass').length;
        const table = (passed / runner.tests.length) * runner.max_score;
        expect(table).toBeGreaterThanOrEqual(exercise.points);
        expect(table - exercise.points).toBeLessThanOrEqual(1);
        total += sum;
        max += runner.max_score;
      }
      expect([total, max]).toEqual([report.points, report.max]);
    });

    test('the starters score 0 and the solutions full marks', async () => {
      const { json } = await graded;
      const report = json as JsonReport;
      expect(report.points).toBe(solution ? report.max : 0);
    });
  },
);
