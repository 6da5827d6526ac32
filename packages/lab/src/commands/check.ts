// `pnpm lab check [lab]`: the graded tests are the course's. Every graded test file matches its
// hash in lab.json and every tests/*.test.ts belongs to an exercise; lab.json itself is valid
// and names files that exist. It grades nothing, so it needs no reference solutions and passes
// whatever the student wrote in exercises/: it is what each lab's `test` script runs in a
// student copy of the course (`pnpm lab export`), where `verify` cannot run. That the exercises
// compile is each lab's `typecheck` script, which `pnpm test` runs beside it.
import type { Context } from '../context.ts';
import { checkGradedFiles, forEachLab, formatCheck } from './lab-checks.ts';

/**
 * Checks one lab or all; exits 0 when every graded test is intact, 1 otherwise.
 * @example
 * process.exitCode = await checkCommand(context, 'chapter3');
 */
export async function checkCommand(context: Context, selector?: string): Promise<number> {
  const failed = await forEachLab(
    context,
    'check',
    selector,
    (labs) => `the graded tests of ${labs} are the ones lab.json records`,
    async (lab, paint) => {
      const check = await checkGradedFiles(lab);
      context.io.stdout.write(formatCheck(check, paint));
      return check.problems.length > 0;
    },
  );
  return failed === 0 ? 0 : 1;
}
