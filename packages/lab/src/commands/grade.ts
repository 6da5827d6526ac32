// `pnpm lab <lab>`: grade once (CI, pipes, --once, --json, --junit) or grade and keep watching
// (a terminal). Exit 0 when every exercise passes, 1 otherwise.
import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Chosen, GradeFlags } from '../cli/command-types.ts';
import type { Context } from '../context.ts';
import { selectExercise } from '../course/select-exercise.ts';
import { requireSolutions } from '../course/student-copy.ts';
import { UsageError } from '../errors.ts';
import { afterGrading } from '../grade/after-grading.ts';
import { gradeLab } from '../grade/grade-lab.ts';
import { integrityList } from '../grade/integrity.ts';
import { keepsModuleCache } from '../grade/module-cache.ts';
import type { LabResult, Target } from '../grade/types.ts';
import { writeVerbose } from '../grade/write-verbose.ts';
import { toJunitXml } from '../output/junit.ts';
import { formatResults } from '../output/result-formats.ts';
import { formatScoreboard, type ScoreboardOptions } from '../output/scoreboard.ts';
import { painter, useColor } from '../output/style.ts';
import { watchLab } from '../watch/watch-lab.ts';

/**
 * Grades a lab as the flags say and returns the exit code.
 * @param chosen the lab, and every lab found (for "what next")
 * @example
 * process.exitCode = await gradeCommand(context, { lab, labs }, { once: true, … });
 */
export async function gradeCommand(
  context: Context,
  chosen: Chosen,
  flags: GradeFlags,
): Promise<number> {
  const { io } = context;
  const { lab } = chosen;
  const target: Target = flags.solution ? 'solutions' : 'exercises';
  if (flags.solution) {
    await requireSolutions(context.root, lab, {
      what: '--solution',
      instead: `\`pnpm lab ${lab.manifest.id}\` grades your exercises`,
    });
  }
  if (flags.wire !== undefined) {
    const { wireCommand } = await import('./wire.ts');
    return wireCommand(context, lab, selectExercise(lab, flags.wire), target);
  }
  const only = flags.only === undefined ? undefined : [selectExercise(lab, flags.only).id];
  const junitFile = flags.junit === undefined ? undefined : resolve(io.cwd, flags.junit);
  if (junitFile !== undefined) checkJunitFile(junitFile, flags.junit ?? '');
  const interactive = io.stdout.isTTY === true && io.stdin.isTTY === true;
  const format = flags.json ? 'json' : flags.format;
  const machine = format !== undefined || flags.junit !== undefined || flags.ci;
  const watching = flags.watch || (!flags.once && !machine && interactive && only === undefined);
  // Grading first, the rest while it runs (see gradeLab).
  const grading = watching
    ? undefined
    : gradeLab(lab, {
        target,
        env: io.env,
        signal: context.signal,
        only,
        seed: flags.seed,
        moduleCache: keepsModuleCache({ command: 'grade', ci: flags.ci, format }),
      });
  const paint = painter(useColor(io.stdout, io.env));
  const command = `pnpm lab ${lab.manifest.id}`;
  const next = nextLabCommand(chosen);
  const hintCounts = Object.fromEntries(lab.manifest.exercises.map((e) => [e.id, e.hints.length]));
  const render = (result: LabResult, extra: Pick<ScoreboardOptions, 'footer' | 'regraded'> = {}) =>
    formatScoreboard(result, { paint, command, hintCounts, next, ...extra });

  if (!grading) {
    return watchLab({
      context,
      lab,
      target,
      render,
      afterGrading,
      verbose: flags.verbose,
      seed: flags.seed,
    });
  }

  const graded = await grading;
  if (context.signal?.aborted) {
    io.stderr.write('grading cancelled\n');
    return 130;
  }
  // One exercise graded alone is not the lab's progress (`pnpm lab` lists whole gradings).
  if (only === undefined) await afterGrading(lab, graded);
  if (flags.verbose) writeVerbose(context, graded);
  if (format !== undefined) {
    io.stdout.write(await formatResults(format, [graded.result], { root: context.root }));
  } else io.stdout.write(render(graded.result));
  if (junitFile !== undefined) {
    await writeFile(junitFile, toJunitXml(graded.result));
    (format !== undefined ? io.stderr : io.stdout).write(`JUnit results written to ${junitFile}\n`);
  }
  const { result } = graded;
  if (flags.ci && result.integrity.length > 0) {
    io.stderr.write(`--ci: ${integrityList(result.integrity)}\n`);
    return 1;
  }
  return result.passed === result.total ? 0 : 1;
}

// --junit into a folder that does not exist would fail only after the whole grading, with a
// stack trace: say so first, in one line.
function checkJunitFile(file: string, typed: string): void {
  const folder = dirname(file);
  if (statSync(folder, { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new UsageError(
      `--junit ${typed}: the folder ${folder} does not exist: create it, or write the file elsewhere`,
    );
  }
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory() === true) {
    throw new UsageError(
      `--junit ${typed}: ${file} is a folder: give a file name, e.g. --junit results.xml`,
    );
  }
}

// "What next" after a lab passes: the following lab by chapter, if any.
function nextLabCommand({ lab, labs }: Chosen): string | undefined {
  const loaded = labs.flatMap((f) => (f.lab ? [f.lab] : []));
  const index = loaded.findIndex((l) => l.dir === lab.dir);
  const next = index >= 0 ? loaded[index + 1] : undefined;
  return next ? `pnpm lab ${next.manifest.id}` : undefined;
}
