// `pnpm lab mutate [lab]`: runs StrykerJS (with its vitest runner) over the reference solutions
// with the graded tests, and scores each exercise killed / (total − listed equivalents). Every
// survivor must be killed by a better test or listed, with its reason, in
// mutants/equivalent.json; every exercise must reach MIN_SCORE. Not part of `pnpm test`: a lab
// takes minutes. Stryker runs in place, in its own process group; the lab is snapshotted first
// and restored after, whatever happens (mutants/lab-snapshot.ts).
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from '../context.ts';
import { isStudentCopy, studentCopyError } from '../course/student-copy.ts';
import type { Lab } from '../manifest/types.ts';
import { EQUIVALENTS_FILE, loadEquivalents } from '../mutants/equivalents.ts';
import { restoreLeftBackup, snapshotLab } from '../mutants/lab-snapshot.ts';
import {
  type ExerciseMutation,
  mutantsFromReport,
  type StrykerReport,
  scoreMutation,
  staleEquivalents,
} from '../mutants/mutation-score.ts';
import { stateDir } from '../state/progress.ts';
import { type Check, forEachLab, formatCheck } from './lab-checks.ts';

/** The least mutation score an exercise may have (issue 15: ≥ 90%). */
export const MIN_SCORE = 0.9;

const require = createRequire(import.meta.url);
const strykerBin = join(
  dirname(require.resolve('@stryker-mutator/core/package.json')),
  'bin/stryker.js',
);
// A file URL to its entry: Stryker imports plugins, and the lab folder cannot resolve the name.
const vitestRunner = pathToFileURL(require.resolve('@stryker-mutator/vitest-runner')).href;

/**
 * Mutation-tests one lab or all; exits 0 when every exercise reaches MIN_SCORE with every
 * survivor explained, 1 otherwise, 130 when cancelled.
 * @example
 * process.exitCode = await mutateCommand(context, 'chapter1');
 */
export async function mutateCommand(
  context: Context,
  selector: string | undefined,
): Promise<number> {
  if (await isStudentCopy(context.root)) {
    throw studentCopyError({ what: 'mutate', instead: 'it needs the reference solutions' });
  }
  const out = context.io.stdout;
  const failed = await forEachLab(
    context,
    'mutate',
    selector,
    (labs) =>
      `${labs === 'the lab' ? 'every exercise' : `every exercise of ${labs}`} scores ≥ ${MIN_SCORE * 100}%, every survivor explained`,
    async (lab, paint) => {
      const equivalents = await loadEquivalents(lab);
      const started = performance.now();
      const report = await runStryker(context, lab);
      if (!report) {
        out.write(
          formatCheck(
            {
              label: 'StrykerJS ran',
              problems: [
                report === null ? 'cancelled' : 'StrykerJS wrote no report (its output is above)',
              ],
            },
            paint,
          ),
        );
        return true;
      }
      const mutants = mutantsFromReport(report);
      const exercises = lab.manifest.exercises.map((e) => ({
        id: e.id,
        file: e.file.replace(/^exercises\//, 'solutions/'),
      }));
      const scores = scoreMutation(mutants, equivalents, exercises);
      const checks = scores.map(exerciseCheck);
      const stale = staleEquivalents(
        mutants,
        equivalents,
        exercises.map((e) => e.file),
      );
      checks.push({
        label: `${EQUIVALENTS_FILE} lists only mutants that survive`,
        problems: stale.map(
          (e) =>
            `${e.file}: ${e.mutator} \`${e.original}\` → \`${e.replacement}\` no longer survives (or no longer exists): remove the entry`,
        ),
      });
      for (const check of checks) out.write(formatCheck(check, paint));
      out.write(
        paint('dim', `  (StrykerJS ${Math.round((performance.now() - started) / 1000)} s)\n`),
      );
      return checks.some((c) => c.problems.length > 0);
    },
  );
  if (context.signal?.aborted) {
    context.io.stderr.write('mutate cancelled; the lab was restored\n');
    return 130;
  }
  return failed === 0 ? 0 : 1;
}

/**
 * One exercise's line: `getfqdn: 95.2% (40 of 42 killed, 0 equivalent)`, and its problems.
 * @example
 * exerciseCheck(score).label; // 'getfqdn: 100.0% (40 of 40 killed)'
 */
export function exerciseCheck(score: ExerciseMutation): Check {
  const percent = `${(score.score * 100).toFixed(1)}%`;
  const equivalent = score.equivalent > 0 ? `, ${score.equivalent} equivalent` : '';
  const problems = score.unexplained.map(
    (m) =>
      `${m.file}:${m.line} ${m.mutator} \`${m.original}\` → \`${m.replacement}\` ${m.status === 'NoCoverage' ? 'is reached by no test' : 'survives'}: add a test that kills it, or list it in ${EQUIVALENTS_FILE} with the reason no test can`,
  );
  if (score.score < MIN_SCORE) {
    problems.unshift(`${percent} is below ${MIN_SCORE * 100}%`);
  }
  return {
    label: `${score.exercise}: ${percent} (${score.killed} of ${score.total - score.equivalent} killed${equivalent})`,
    problems,
  };
}

/**
 * Runs Stryker on the lab's solutions in place and returns its JSON report; null when
 * cancelled, undefined when Stryker wrote none. The lab is restored in every case.
 */
async function runStryker(context: Context, lab: Lab): Promise<StrykerReport | null | undefined> {
  const state = stateDir(lab);
  const backupDir = join(state, 'mutate-backup');
  const lock = join(state, 'mutate.pid');
  const other = Number(await readFile(lock, 'utf8').catch(() => ''));
  if (other > 0 && other !== process.pid && isAlive(other)) {
    throw new Error(
      `another \`pnpm lab mutate\` (pid ${other}) is mutating ${lab.manifest.id} in place: wait for it to end, or stop it (its lab is put back when it ends)`,
    );
  }
  await mkdir(state, { recursive: true });
  await writeFile(lock, String(process.pid));
  try {
    return await runStrykerLocked(context, lab, state, backupDir);
  } finally {
    await rm(lock, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function runStrykerLocked(
  context: Context,
  lab: Lab,
  state: string,
  backupDir: string,
): Promise<StrykerReport | null | undefined> {
  const restoredEarlier = await restoreLeftBackup(lab.dir, backupDir);
  if (restoredEarlier.length > 0) {
    context.io.stderr.write(
      `mutate: restored ${restoredEarlier.join(', ')} from the backup an interrupted run left in ${relative(context.root, backupDir)}\n`,
    );
  }
  const reportFile = join(state, 'mutation.json');
  const configFile = join(state, 'stryker.conf.json');
  await rm(reportFile, { force: true });
  await writeFile(configFile, JSON.stringify(strykerConfig(lab, reportFile), null, 2));
  const snapshot = await snapshotLab(lab.dir, backupDir);
  let cancelled = false;
  try {
    cancelled = await runChild(context, lab.dir, configFile);
  } finally {
    const restored = await snapshot.restore();
    await rm(join(lab.dir, '.stryker-tmp'), { recursive: true, force: true });
    if (restored.length > 0) {
      context.io.stderr.write(
        `mutate: put back ${restored.join(', ')} as they were before StrykerJS ran\n`,
      );
    }
  }
  if (cancelled) return null;
  try {
    return JSON.parse(await readFile(reportFile, 'utf8')) as StrykerReport;
  } catch {
    return undefined;
  }
}

/** Stryker's options for a lab: its solutions, mutated in place, graded by its own tests. */
function strykerConfig(lab: Lab, reportFile: string) {
  return {
    testRunner: 'vitest',
    plugins: [vitestRunner],
    vitest: { configFile: 'vitest.config.ts' },
    mutate: lab.manifest.exercises.map((e) => e.file.replace(/^exercises\//, 'solutions/')),
    inPlace: true,
    // vitest does not type-check, so Stryker need not add `// @ts-nocheck` to files.
    disableTypeChecks: false,
    coverageAnalysis: 'perTest',
    concurrency: 2,
    // Socket tests on a busy 2-core machine: generous, so that a slow run is not a "timeout kill".
    timeoutMS: 10_000,
    reporters: ['json', 'progress-append-only'],
    jsonReporter: { fileName: reportFile },
    tempDirName: '.stryker-tmp',
    cleanTempDir: true,
  };
}

/** Runs Stryker in its own process group; true when cancelled (the group is killed). */
function runChild(context: Context, labDir: string, configFile: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [strykerBin, 'run', configFile], {
      cwd: labDir,
      // The lab's vitest configuration grades solutions/ when this is set.
      env: { ...context.io.env, NETPROG_LAB_TARGET: 'solutions' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout.on('data', (chunk: Buffer) => context.io.stderr.write(chunk));
    child.stderr.on('data', (chunk: Buffer) => context.io.stderr.write(chunk));
    let cancelled = false;
    const onAbort = () => {
      cancelled = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    if (context.signal?.aborted) onAbort();
    context.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      context.io.stderr.write(`mutate: could not start StrykerJS: ${error.message}\n`);
    });
    child.on('close', () => {
      context.signal?.removeEventListener('abort', onAbort);
      resolve(cancelled);
    });
  });
}
