// What `verify` and `check` share: going over the labs (the one named, or every lab, a broken
// one reported and counted), the graded-files check, and how both print: a heading per lab, one
// line per check, ✓ or ✗, the problems under it, and a last line for all.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from '../context.ts';
import { discoverLabs, type FoundLab, selectLab } from '../course/discover.ts';
import { checkTestIntegrity } from '../manifest/hash.ts';
import type { Lab } from '../manifest/types.ts';
import { formatDuration, type Paint, painter, useColor } from '../output/style.ts';

/**
 * Runs `each` on the lab `selector` names, or on every lab, after the lab's heading; `each` says
 * whether the lab has problems. A lab that cannot be loaded is reported and has problems. Stops
 * early when the context is aborted (the caller checks). Ends with the verdict line.
 * @returns how many labs have problems (0 when there are no labs, which it says)
 * @example
 * const failed = await forEachLab(context, 'check', undefined, 'the graded tests match lab.json', async (lab) => …);
 */
export async function forEachLab(
  context: Context,
  command: string,
  selector: string | undefined,
  verdict: (labs: string) => string,
  each: (lab: Lab, paint: Paint) => Promise<boolean>,
): Promise<number> {
  const out = context.io.stdout;
  const paint = painter(useColor(out, context.io.env));
  const found = await discoverLabs(context.root);
  const targets: FoundLab[] = selector
    ? [{ id: selector, lab: selectLab(found, selector) }]
    : found;
  if (targets.length === 0) {
    out.write(`${command}: no labs found in ${join(context.root, 'labs')}\n`);
    return 0;
  }
  let failed = 0;
  for (const entry of targets) {
    if (context.signal?.aborted) return failed;
    if (!entry.lab) {
      out.write(`${paint('red', '✗')} ${entry.id}: ${entry.error.message}\n\n`);
      failed++;
      continue;
    }
    out.write(`${paint('bold', `${entry.lab.manifest.id} · ${entry.lab.manifest.title}`)}\n`);
    if (await each(entry.lab, paint)) failed++;
    out.write('\n');
  }
  if (context.signal?.aborted) return failed;
  const total = targets.length;
  out.write(
    failed === 0
      ? `${paint('green', `${command}:`)} ${verdict(total === 1 ? 'the lab' : `all ${total} labs`)}\n`
      : `${paint('red', `${command}:`)} ${failed} of ${total} lab${total === 1 ? '' : 's'} ${failed === 1 ? 'has' : 'have'} problems (see above)\n`,
  );
  return failed;
}

export interface Check {
  readonly label: string;
  readonly problems: readonly string[];
}

/**
 * The graded test files match their hashes in lab.json, and every `tests/*.test.ts` belongs to
 * an exercise (a test file nobody grades is a mistake, or a way to look graded).
 * @example
 * (await checkGradedFiles(lab)).problems; // [] when intact
 */
export async function checkGradedFiles(lab: Lab): Promise<Check> {
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

/**
 * One check as lines: `  ✓ label  (1.2 s)`, then `      - problem` for each problem.
 * @example
 * out.write(formatCheck({ label: 'graded test files match lab.json (2 files)', problems: [] }, paint));
 */
export function formatCheck(check: Check, paint: Paint, duration?: number): string {
  const ok = check.problems.length === 0;
  const time = duration === undefined ? '' : paint('dim', `  (${formatDuration(duration)})`);
  const lines = [`  ${ok ? paint('green', '✓') : paint('red', '✗')} ${check.label}${time}`];
  for (const problem of check.problems) lines.push(`      ${paint('red', '-')} ${problem}`);
  return `${lines.join('\n')}\n`;
}
