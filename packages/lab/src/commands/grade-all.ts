// `pnpm lab grade-all`: grades every lab (or those --labs names) once, one after the other, for
// a class's CI (the workflow `pnpm lab export` writes calls it) and for anyone who wants every
// score at once. A lab that fails, or cannot be graded at all, does not stop the others. With
// --results DIR it writes <lab>.json and <lab>.xml (JUnit) for each lab and summary.md for all.
// Exit 0 when every exercise of every lab passes, 1 otherwise (and, with --ci, when a graded
// test file no longer matches lab.json).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Context } from '../context.ts';
import { discoverLabs, type FoundLab, selectLab } from '../course/discover.ts';
import { takeSubmission } from '../course/take-submission.ts';
import { UsageError } from '../errors.ts';
import { afterGrading } from '../grade/after-grading.ts';
import { type Graded, gradeLab } from '../grade/grade-lab.ts';
import { integrityList } from '../grade/integrity.ts';
import { keepsModuleCache } from '../grade/module-cache.ts';
import type { LabResult } from '../grade/types.ts';
import { writeVerbose } from '../grade/write-verbose.ts';
import { toJsonReport } from '../output/json.ts';
import { toJunitXml } from '../output/junit.ts';
import { formatResults } from '../output/result-formats.ts';
import { formatScoreboard } from '../output/scoreboard.ts';
import { displayPath, painter, useColor } from '../output/style.ts';
import {
  formatGradeSummary,
  formatGradeSummaryMarkdown,
  type LabOutcome,
} from '../output/summary.ts';

export interface GradeAllOptions {
  /** Lab selectors (ids, chapter numbers, aliases); every lab when undefined. */
  readonly labs?: readonly string[];
  readonly ci: boolean;
  /** Folder for the result files, relative to where the command was typed. */
  readonly results?: string;
  readonly verbose: boolean;
  /** Print one document for every lab on stdout (scoreboards on stderr). */
  readonly format?: 'gradescope' | 'classroom';
  /** A student's submission: its exercise files are graded (course/take-submission.ts). */
  readonly submission?: string;
}

/**
 * Grades the labs and returns the exit code.
 * @example
 * process.exitCode = await gradeAllCommand(context, { ci: true, results: 'lab-results', verbose: false });
 */
export async function gradeAllCommand(context: Context, options: GradeAllOptions): Promise<number> {
  const { io } = context;
  const found = await discoverLabs(context.root);
  const targets: FoundLab[] = options.labs
    ? options.labs.map((selector) => ({ id: selector, lab: selectLab(found, selector) }))
    : found;
  if (targets.length === 0) {
    throw new UsageError(
      `no labs found in ${join(context.root, 'labs')}: run grade-all in the course (or a class copy of it), or pass --root`,
    );
  }
  const resultsDir = options.results === undefined ? undefined : resolve(io.cwd, options.results);
  if (resultsDir) {
    await mkdir(resultsDir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(
        `--results ${options.results}: cannot create the folder ${resultsDir} (${error.code}): choose another`,
      );
    });
  }
  // With --format, stdout is the document; people read the scoreboards on stderr.
  const out = options.format ? io.stderr : io.stdout;
  const paint = painter(useColor(out, io.env));
  const notes = options.submission
    ? await takeSubmission(
        resolve(io.cwd, options.submission),
        context.root,
        targets.flatMap((t) => (t.lab ? [t.lab] : [])),
      )
    : [];
  for (const note of notes) out.write(`${note}\n`);

  const outcomes: LabOutcome[] = [];
  // A file of the grader written to while one lab was graded stands against every later lab too:
  // their gradings ran on what the exercise code left there.
  let graderWrites: LabResult['integrity'] = [];
  for (const entry of targets) {
    if (!entry.lab) {
      out.write(`${paint('red', '✗')} ${entry.id}: ${entry.error.message}\n\n`);
      outcomes.push({ id: entry.id, error: entry.error.message.split('\n')[0] ?? '' });
      continue;
    }
    const lab = entry.lab;
    let graded: Graded;
    try {
      graded = await gradeLab(lab, {
        target: 'exercises',
        env: context.io.env,
        signal: context.signal,
        moduleCache: keepsModuleCache({
          command: 'grade-all',
          ci: options.ci,
          format: options.format,
        }),
      });
    } catch (error) {
      // A bug in the grader: report it with its stack, and still grade the other labs.
      const message = `the grader failed (please report it): ${(error as Error).message}`;
      io.stderr.write(`${lab.manifest.id}: ${(error as Error).stack ?? message}\n`);
      outcomes.push({ id: lab.manifest.id, error: message });
      continue;
    }
    if (context.signal?.aborted) {
      io.stderr.write('grading cancelled\n');
      return 130;
    }
    graded = withCarried(graded, graderWrites);
    graderWrites = graded.result.integrity.filter((p) => p.kind === 'grader');
    await afterGrading(lab, graded);
    if (options.verbose) writeVerbose(context, graded);
    const hintCounts = Object.fromEntries(
      lab.manifest.exercises.map((e) => [e.id, e.hints.length]),
    );
    const command = `pnpm lab ${lab.manifest.id}`;
    out.write(`${formatScoreboard(graded.result, { paint, command, hintCounts })}\n`);
    if (resultsDir) {
      const report = `${JSON.stringify(toJsonReport(graded.result), null, 2)}\n`;
      await writeFile(join(resultsDir, `${lab.manifest.id}.json`), report);
      await writeFile(join(resultsDir, `${lab.manifest.id}.xml`), toJunitXml(graded.result));
    }
    outcomes.push({ id: lab.manifest.id, result: graded.result });
  }

  out.write(formatGradeSummary(outcomes, paint));
  if (options.format) {
    const graded = outcomes.flatMap((o) => (o.result ? [o.result] : []));
    const ungraded = outcomes.flatMap((o) =>
      o.error !== undefined ? [{ id: o.id, error: o.error }] : [],
    );
    io.stdout.write(
      await formatResults(options.format, graded, { root: context.root, ungraded, notes }),
    );
  }
  if (resultsDir) {
    await writeFile(join(resultsDir, 'summary.md'), formatGradeSummaryMarkdown(outcomes));
    out.write(
      `Results in ${displayPath(io.cwd, resultsDir)}: <lab>.json and <lab>.xml (JUnit) for each lab, summary.md\n`,
    );
  }
  let tampered = false;
  for (const { id, result } of outcomes) {
    if (!options.ci || !result || result.integrity.length === 0) continue;
    io.stderr.write(`--ci: ${id}: ${integrityList(result.integrity)}\n`);
    tampered = true;
  }
  const allPass = outcomes.every((o) => o.result && o.result.passed === o.result.total);
  return allPass && !tampered ? 0 : 1;
}

// The grading with the grader's files written to during earlier labs' gradings added to its
// integrity problems (each file once).
function withCarried(graded: Graded, carried: LabResult['integrity']): Graded {
  const seen = new Set(graded.result.integrity.map((p) => `${p.kind} ${p.file}`));
  const added = carried.filter((p) => !seen.has(`${p.kind} ${p.file}`));
  if (added.length === 0) return graded;
  return {
    ...graded,
    result: { ...graded.result, integrity: [...graded.result.integrity, ...added] },
  };
}
