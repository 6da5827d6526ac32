// `pnpm lab verify [lab]`: proves a lab is fair before students see it, and in CI.
//  - the protected test files match lab.json, and exercises/ holds the recorded starters;
//  - every graded test file belongs to an exercise;
//  - on the starters, every graded test fails (a test that passes on a starter gives points for
//    nothing), and no starter fails to load or hangs;
//  - on the reference solutions, every exercise passes with full marks.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from '../context.ts';
import { gradeLab } from '../grade/grade-lab.ts';
import type { LabResult } from '../grade/types.ts';
import { discoverLabs, type FoundLab, selectLab } from '../labs/discover.ts';
import { checkTestIntegrity, hashFile } from '../manifest/hash.ts';
import type { Lab } from '../manifest/types.ts';
import { formatDuration, type Paint, painter, useColor } from '../output/style.ts';
import { writeVerbose } from './grade.ts';

interface Check {
  readonly label: string;
  readonly problems: readonly string[];
}

/**
 * Verifies one lab or all; exits 0 when every lab is fair, 1 otherwise.
 * @example
 * process.exitCode = await verifyCommand(context, 'chapter3', false);
 */
export async function verifyCommand(
  context: Context,
  selector: string | undefined,
  verbose: boolean,
): Promise<number> {
  const found = await discoverLabs(context.root);
  const paint = painter(useColor(context.io.stdout, context.io.env));
  const out = context.io.stdout;
  const targets: FoundLab[] = selector
    ? [{ id: selector, lab: selectLab(found, selector) }]
    : found;
  if (targets.length === 0) {
    out.write(`verify: no labs found in ${join(context.root, 'labs')}\n`);
    return 0;
  }
  let unfair = 0;
  for (const entry of targets) {
    if (!entry.lab) {
      out.write(`${paint('red', '✗')} ${entry.id}: ${entry.error.message}\n\n`);
      unfair++;
      continue;
    }
    const lab = entry.lab;
    out.write(`${paint('bold', `${lab.manifest.id} · ${lab.manifest.title}`)}\n`);
    const checks = [await checkFiles(lab), await checkStarterHashes(lab)];
    for (const check of checks) out.write(formatCheck(check, paint));
    const starters = await gradeLab(lab, { target: 'exercises', signal: context.signal });
    if (verbose) writeVerbose(context, starters);
    const startersCheck = checkStarters(starters.result);
    out.write(formatCheck(startersCheck, paint, starters.result.duration));
    const solutions = await gradeLab(lab, { target: 'solutions', signal: context.signal });
    if (context.signal?.aborted) {
      context.io.stderr.write('verify cancelled\n');
      return 130;
    }
    if (verbose) writeVerbose(context, solutions);
    const solutionsCheck = checkSolutions(solutions.result);
    out.write(formatCheck(solutionsCheck, paint, solutions.result.duration));
    out.write('\n');
    if ([...checks, startersCheck, solutionsCheck].some((c) => c.problems.length > 0)) unfair++;
  }
  const total = targets.length;
  out.write(
    unfair === 0
      ? `${paint('green', 'verify:')} ${total === 1 ? 'the lab is' : `all ${total} labs are`} fair\n`
      : `${paint('red', 'verify:')} ${unfair} of ${total} lab${total === 1 ? '' : 's'} ${unfair === 1 ? 'has' : 'have'} problems (see above)\n`,
  );
  return unfair === 0 ? 0 : 1;
}

async function checkFiles(lab: Lab): Promise<Check> {
  const problems = (await checkTestIntegrity(lab)).map((p) => p.message);
  const graded = new Set(lab.manifest.exercises.map((e) => e.test));
  const testsDir = join(lab.dir, 'tests');
  const files = await readdir(testsDir, { recursive: true }).catch(() => [] as string[]);
  for (const file of files.map((f) => `tests/${f.split('\\').join('/')}`)) {
    if (file.endsWith('.test.ts') && !graded.has(file)) {
      problems.push(
        `${file} belongs to no exercise, so it is never graded: add it to lab.json or remove it`,
      );
    }
  }
  return { label: `graded test files match lab.json (${graded.size} files)`, problems };
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

function formatCheck(check: Check, paint: Paint, duration?: number): string {
  const ok = check.problems.length === 0;
  const time = duration === undefined ? '' : paint('dim', `  (${formatDuration(duration)})`);
  const lines = [`  ${ok ? paint('green', '✓') : paint('red', '✗')} ${check.label}${time}`];
  for (const problem of check.problems) lines.push(`      ${paint('red', '-')} ${problem}`);
  return `${lines.join('\n')}\n`;
}
