// `pnpm lab verify [lab]`: proves a lab is fair before students see it, and in CI.
//  - the protected test files match lab.json, and exercises/ holds the recorded starters;
//  - every graded test file belongs to an exercise;
//  - on the starters, every graded test fails (a test that passes on a starter gives points for
//    nothing), and no starter fails to load or hangs;
//  - on the reference solutions, every exercise passes with full marks;
//  - every recorded mutant (a solution with one real student mistake) loses points (minutes of
//    gradings: `pnpm test` skips them, and CI runs them as a step of their own).
import { join, relative } from 'node:path';
import type { Context } from '../context.ts';
import { isStudentCopy, missingSolutions, studentCopyError } from '../course/student-copy.ts';
import { gradeLab } from '../grade/grade-lab.ts';
import type { LabResult } from '../grade/types.ts';
import { writeVerbose } from '../grade/write-verbose.ts';
import { hashFile } from '../manifest/hash.ts';
import type { Lab } from '../manifest/types.ts';
import { checkMutants } from './check-mutants.ts';
import { type Check, checkGradedFiles, forEachLab, formatCheck } from './lab-checks.ts';

export interface VerifyOptions {
  /** Also print what vitest itself reported. */
  readonly verbose: boolean;
  /** Grade the recorded mutants too (false: starters and solutions only, --skip-mutants). */
  readonly mutants: boolean;
}

/**
 * Verifies one lab or all; exits 0 when every lab is fair, 1 otherwise.
 * @example
 * process.exitCode = await verifyCommand(context, 'chapter3', { verbose: false, mutants: true });
 */
export async function verifyCommand(
  context: Context,
  selector: string | undefined,
  { verbose, mutants: withMutants }: VerifyOptions,
): Promise<number> {
  // A student copy has no solutions by design: say so once, rather than fail every lab.
  if (await isStudentCopy(context.root)) {
    throw studentCopyError({
      what: 'verify',
      instead: '`pnpm lab check` checks the graded tests here',
    });
  }
  const out = context.io.stdout;
  const failed = await forEachLab(
    context,
    'verify',
    selector,
    (labs) => (labs === 'the lab' ? 'the lab is fair' : `${labs} are fair`),
    async (lab, paint) => {
      const solutionFiles = await checkSolutionFiles(context.root, lab);
      const checks = [await checkGradedFiles(lab), await checkStarterHashes(lab)];
      // The solution files are shown only when some are missing (the solutions' grading below
      // proves the rest).
      if (solutionFiles.problems.length > 0) checks.push(solutionFiles);
      for (const check of checks) out.write(formatCheck(check, paint));
      const starters = await gradeLab(lab, {
        target: 'exercises',
        env: context.io.env,
        signal: context.signal,
      });
      if (verbose) writeVerbose(context, starters);
      const startersCheck = checkStarters(starters.result);
      out.write(formatCheck(startersCheck, paint, starters.result.duration));
      checks.push(startersCheck);
      // Grading missing solutions would only repeat "could not load" for each of them.
      if (solutionFiles.problems.length === 0 && !context.signal?.aborted) {
        const solutions = await gradeLab(lab, {
          target: 'solutions',
          env: context.io.env,
          signal: context.signal,
        });
        if (verbose) writeVerbose(context, solutions);
        const solutionsCheck = checkSolutions(solutions.result);
        out.write(formatCheck(solutionsCheck, paint, solutions.result.duration));
        checks.push(solutionsCheck);
        // Mutants of solutions that fail prove nothing: they would lose points anyway.
        if (!withMutants) {
          out.write(
            `  ${paint('dim', '- mutants not graded (--skip-mutants: `pnpm test:mutants` grades them)')}\n`,
          );
        } else if (solutionsCheck.problems.length === 0 && !context.signal?.aborted) {
          const mutants = await checkMutants(context, lab, (mutant, graded) => {
            if (verbose) {
              out.write(
                `      ${mutant.file}: ${graded.points}/${graded.max}${graded.message ? ` (${graded.message})` : ''}\n`,
              );
            }
          });
          out.write(formatCheck(mutants, paint, mutants.duration));
          checks.push(mutants);
        }
      }
      return checks.some((c) => c.problems.length > 0);
    },
  );
  if (context.signal?.aborted) {
    context.io.stderr.write('verify cancelled\n');
    return 130;
  }
  return failed === 0 ? 0 : 1;
}

async function checkStarterHashes(lab: Lab): Promise<Check> {
  const recorded = lab.manifest.starterHashes;
  if (!recorded) {
    return {
      label: 'starters are recorded in lab.json',
      problems: [
        `lab.json has no starterHashes: run \`pnpm lab rehash ${lab.manifest.id}\` on the original starters`,
      ],
    };
  }
  const problems: string[] = [];
  for (const exercise of lab.manifest.exercises) {
    const expected = recorded[exercise.file];
    const actual = await hashFile(lab.dir, exercise.file);
    if (!expected) {
      problems.push(
        `starterHashes has no entry for ${exercise.file}: run \`pnpm lab rehash ${lab.manifest.id}\``,
      );
    } else if (actual !== expected) {
      problems.push(
        `${exercise.file} is not the recorded starter: verify needs the original starters (a clean checkout, or \`pnpm lab ${lab.manifest.id} reset ${exercise.id}\`); if you changed the starter on purpose, run \`pnpm lab rehash ${lab.manifest.id}\``,
      );
    }
  }
  return { label: 'exercises/ holds the recorded starters', problems };
}

async function checkSolutionFiles(root: string, lab: Lab): Promise<Check> {
  const missing = await missingSolutions(lab);
  return {
    label: 'solutions/ holds a reference solution for every exercise',
    problems: missing.map(
      (file) =>
        `${relative(root, join(lab.dir, file))} does not exist: every exercise needs its solution under solutions/, with the starter's file name`,
    ),
  };
}

/**
 * Starters must fail every graded test, load, and not hang.
 * @example
 * checkStarters(result).problems; // ['starter of "greet" passes "returns a string"']
 */
export function checkStarters(result: LabResult): Check {
  const problems: string[] = [];
  let tests = 0;
  for (const exercise of result.exercises) {
    tests += exercise.tests.length;
    if (
      exercise.status === 'timeout' ||
      (exercise.status === 'error' && exercise.tests.length === 0)
    ) {
      problems.push(
        `starter of "${exercise.id}" ${exercise.status === 'timeout' ? 'hangs' : 'does not run'}: ${exercise.message}`,
      );
      continue;
    }
    for (const test of exercise.tests) {
      if (test.status === 'pass')
        problems.push(`starter of "${exercise.id}" passes "${test.name}"`);
    }
  }
  return {
    label:
      problems.length === 0
        ? `starters: ${result.points}/${result.max} points, each of ${tests} graded tests fails`
        : `starters: ${result.points}/${result.max} points; each starter must load and fail every graded test`,
    problems,
  };
}

/**
 * Solutions must pass every exercise with full marks.
 * @example
 * checkSolutions(result).problems; // [] when fair
 */
export function checkSolutions(result: LabResult): Check {
  const problems = result.exercises
    .filter((e) => e.status !== 'pass' || e.points !== e.max)
    .map((e) => `solution of "${e.id}" does not pass: ${e.message}`);
  const tests = result.exercises.reduce((sum, e) => sum + e.tests.length, 0);
  return {
    label:
      problems.length === 0
        ? `solutions: ${result.points}/${result.max} points, each of ${tests} graded tests passes`
        : `solutions: ${result.points}/${result.max} points; every solution must pass with full marks`,
    problems,
  };
}
