// What the runner remembers between commands, per lab, in a git-ignored `.lab/` folder inside the
// lab: how many hints each exercise has shown, and a summary of the last grading (so `pnpm lab`
// can show progress without re-grading). Deleting `.lab/` loses nothing but that.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExerciseStatus, LabResult } from '../grade/types.ts';
import { hashFile } from '../manifest/hash.ts';
import type { Lab } from '../manifest/types.ts';

export interface LastGrade {
  /** ISO time of the grading. */
  readonly at: string;
  readonly points: number;
  readonly max: number;
  readonly passed: number;
  readonly total: number;
  readonly exercises: Readonly<Record<string, { status: ExerciseStatus; points: number }>>;
  /** Hash of each exercise file when graded, to tell whether it changed since. */
  readonly fileHashes: Readonly<Record<string, string>>;
}

export interface Progress {
  readonly version: 1;
  /** How many hints have been shown, per exercise id. */
  readonly hintsShown: Readonly<Record<string, number>>;
  readonly last?: LastGrade;
}

const EMPTY: Progress = { version: 1, hintsShown: {} };

/** The lab's private folder: `labs/chapter3/.lab`. */
export function stateDir(lab: Lab): string {
  return join(lab.dir, '.lab');
}

/**
 * Reads the lab's progress; a missing or unreadable file is a fresh start.
 * @example
 * const { hintsShown } = await readProgress(lab);
 */
export async function readProgress(lab: Lab): Promise<Progress> {
  try {
    const parsed = JSON.parse(await readFile(join(stateDir(lab), 'progress.json'), 'utf8'));
    if (parsed?.version !== 1) return EMPTY;
    return { ...EMPTY, ...parsed } as Progress;
  } catch {
    return EMPTY;
  }
}

/**
 * Writes the lab's progress (atomically: a crash never leaves half a file). The temporary file
 * is this write's own: two gradings of one lab at once (a watch in one terminal, `--once` in
 * another) shared one name, and the second rename failed with ENOENT, so that grading printed
 * nothing. The last rename wins.
 * @example
 * await writeProgress(lab, { ...progress, hintsShown: { connect: 2 } });
 */
export async function writeProgress(lab: Lab, progress: Progress): Promise<void> {
  const dir = stateDir(lab);
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'progress.json');
  const temporary = `${file}.${process.pid}-${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(progress, null, 2)}\n`);
  await rename(temporary, file);
}

/**
 * Records a grading of the student's exercises (never of the solutions: that is not progress).
 * @param fileHashes the exercise files' hashes now (exerciseHashes), if the caller has them
 * @example
 * await recordGrade(lab, result);
 */
export async function recordGrade(
  lab: Lab,
  result: LabResult,
  fileHashes?: Readonly<Record<string, string>>,
): Promise<void> {
  if (result.target !== 'exercises') return;
  const progress = await readProgress(lab);
  const last: LastGrade = {
    at: new Date().toISOString(),
    points: result.points,
    max: result.max,
    passed: result.passed,
    total: result.total,
    exercises: Object.fromEntries(
      result.exercises.map((e) => [e.id, { status: e.status, points: e.points }]),
    ),
    fileHashes: fileHashes ?? (await exerciseHashes(lab)),
  };
  await writeProgress(lab, { ...progress, last });
}

/**
 * Hashes of the exercise files as they are now.
 * @example
 * const changed = JSON.stringify(await exerciseHashes(lab)) !== JSON.stringify(last.fileHashes);
 */
export async function exerciseHashes(lab: Lab): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const exercise of lab.manifest.exercises) {
    const hash = await hashFile(lab.dir, exercise.file);
    if (hash) hashes[exercise.file] = hash;
  }
  return hashes;
}
