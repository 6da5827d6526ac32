// The shapes of every machine-readable result `pnpm lab` writes, written once as zod schemas:
// the TypeScript types of the writers (json.ts, gradescope.ts, classroom.ts) are inferred from
// them, and `pnpm --filter @netprog/lab generate` writes them as JSON Schema (draft 2020-12) into
// schemas/, for teachers' scripts and for the tests, which validate real gradings against those
// files. Gradescope's and Classroom's shapes follow their own specifications (the Gradescope
// autograder "specs" page; classroom-resources/autograding-command-grader and -grading-reporter):
// only the fields we write are required, the others they accept are left out.
import * as z from 'zod';
import { INTEGRITY_KINDS, type IntegrityKind } from '../grade/integrity.ts';

const nonNegative = z.number().min(0);
const points = z.int().min(0);

// ---- our own --json document -------------------------------------------------------------

const exerciseStatus = z
  .enum(['pass', 'fail', 'timeout', 'error'])
  .describe('pass: full points; fail: a test failed; timeout: stopped; error: could not run');

export const jsonReportSchema = z
  .strictObject({
    version: z.literal(1).describe('Changes only if the shape ever changes incompatibly.'),
    lab: z.strictObject({ id: z.string(), title: z.string(), chapter: z.int().min(1) }),
    target: z
      .enum(['exercises', 'solutions'])
      .describe("exercises: the student's files; solutions: graded with --solution"),
    status: z.enum(['pass', 'fail']).describe('pass when every exercise passes'),
    points,
    max: points,
    passed: z.int().min(0).describe('Exercises that pass.'),
    total: z.int().min(0).describe('Exercises graded.'),
    duration: nonNegative.describe('Milliseconds.'),
    seed: z
      .int()
      .min(0)
      .optional()
      .describe('The seed the test fixtures drew their random choices from: `--seed` replays it.'),
    integrity: z
      .array(
        z.strictObject({
          file: z.string(),
          kind: z.enum(Object.keys(INTEGRITY_KINDS) as [IntegrityKind, ...IntegrityKind[]]),
          message: z.string(),
        }),
      )
      .describe(
        "Protected files that cannot be trusted: graded tests edited, missing or unhashed, a wrong test count, a test or grader file written while graded, or the grading's results rewritten before the grader read them. Empty when all are the course's.",
      ),
    exercises: z.array(
      z.strictObject({
        id: z.string(),
        title: z.string(),
        points,
        max: points,
        status: exerciseStatus,
        message: z.string().nullable().describe('The first failure in one line; null on a pass.'),
        duration: nonNegative,
        file: z.string(),
        test: z.string(),
        tests: z.array(
          z.strictObject({
            name: z.string(),
            status: z.enum(['pass', 'fail', 'skip']),
            duration: nonNegative,
            message: z.string().nullable(),
            wire: z
              .string()
              .optional()
              .describe(
                'What went over the wire in a failing test (and, after a timeout, what the code waited on).',
              ),
          }),
        ),
        output: z.string().describe('What the code printed (capped).'),
      }),
    ),
  })
  .meta({
    title: 'pnpm lab <lab> --json',
    description: 'One graded lab, as `pnpm lab <lab> --json` prints it (packages/lab/README.md).',
  });

export type JsonReport = z.infer<typeof jsonReportSchema>;

// ---- Gradescope's results.json -----------------------------------------------------------

const outputFormat = z.enum(['text', 'html', 'simple_format', 'md', 'ansi']);
const visibility = z.enum(['hidden', 'after_due_date', 'after_published', 'visible']);

export const gradescopeResultsSchema = z
  .strictObject({
    score: nonNegative.describe('The total; Gradescope shows it instead of summing the tests.'),
    execution_time: nonNegative.describe('Seconds.'),
    output: z.string(),
    output_format: outputFormat,
    visibility,
    stdout_visibility: visibility,
    extra_data: z.strictObject({
      course_version: z.string(),
      labs: z.array(z.string()),
    }),
    tests: z.array(
      z.strictObject({
        name: z.string(),
        score: nonNegative,
        max_score: nonNegative,
        status: z.enum(['passed', 'failed']),
        output: z.string().describe('The first failure, in the words of the scoreboard.'),
        output_format: outputFormat,
        visibility,
      }),
    ),
  })
  .meta({
    title: 'Gradescope results.json, as `pnpm lab --format gradescope` writes it',
    description:
      'One test per exercise. Follows the Gradescope autograder specification (results.json).',
  });

export type GradescopeResults = z.infer<typeof gradescopeResultsSchema>;

// ---- GitHub Classroom: one autograding-command-grader result per runner --------------------

export const classroomResultSchema = z
  .strictObject({
    version: z.literal(1),
    status: z.enum(['pass', 'fail', 'error']),
    max_score: nonNegative,
    tests: z.array(
      z.strictObject({
        name: z.string(),
        status: z.enum(['pass', 'fail', 'error']),
        score: nonNegative,
        message: z.string(),
        test_code: z.string(),
        filename: z.string(),
        line_no: z.int().min(0),
        duration: nonNegative.describe('Milliseconds.'),
      }),
    ),
  })
  .meta({
    title: 'GitHub Classroom runner result, as `pnpm lab --format classroom` encodes it',
    description:
      'What classroom-resources/autograding-command-grader puts (base64) in its `result` output and autograding-grading-reporter reads from <RUNNER>_RESULTS.',
  });

export type ClassroomResult = z.infer<typeof classroomResultSchema>;

/** Each schema and the file under schemas/ it is written to. */
export const RESULT_SCHEMAS = [
  { file: 'schemas/lab-results.schema.json', schema: jsonReportSchema },
  { file: 'schemas/gradescope-results.schema.json', schema: gradescopeResultsSchema },
  { file: 'schemas/classroom-result.schema.json', schema: classroomResultSchema },
] as const;

/**
 * The text of a schemas/ file.
 * @example
 * writeFileSync('schemas/lab-results.schema.json', resultJsonSchema(jsonReportSchema));
 */
export function resultJsonSchema(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }), null, 2)}\n`;
}
