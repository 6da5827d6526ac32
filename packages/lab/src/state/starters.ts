// Finding an exercise's original starter, for `reset`. lab.json records each starter's hash
// (starterHashes, written by `rehash`), so the runner can recognise the starter wherever it finds
// it: the file itself if untouched, a copy it kept in `.lab/starters/` the first time it saw the
// file untouched, or any version of the file in git history.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { hashFile, hashText } from '../manifest/hash.ts';
import type { ExerciseManifest, Lab } from '../manifest/types.ts';
import { stateDir } from './progress.ts';

const run = promisify(execFile);
/** How far back in git history to look for the starter. */
const MAX_COMMITS = 200;
const GIT_TIMEOUT_MS = 5_000;

export type StarterLookup =
  | { readonly found: true; readonly content: string; readonly from: string }
  | { readonly found: false; readonly reason: string };

/**
 * Keeps a copy of every starter that is still untouched, so `reset` works without git.
 * @param current the exercise files' hashes now (exerciseHashes), if the caller has them
 * @example
 * await snapshotStarters(lab); // after each grading
 */
export async function snapshotStarters(
  lab: Lab,
  current?: Readonly<Record<string, string>>,
): Promise<void> {
  const hashes = lab.manifest.starterHashes ?? {};
  for (const exercise of lab.manifest.exercises) {
    const expected = hashes[exercise.file];
    const copy = join(stateDir(lab), 'starters', exercise.file);
    const now = current ? current[exercise.file] : await hashFile(lab.dir, exercise.file);
    if (!expected || now !== expected) continue;
    if ((await hashFile(stateDir(lab), join('starters', exercise.file))) === expected) continue;
    await mkdir(dirname(copy), { recursive: true });
    await copyFile(join(lab.dir, exercise.file), copy);
  }
}

/**
 * Finds the content of an exercise's starter.
 * @example
 * const starter = await findStarter(lab, exercise);
 * if (starter.found) await writeFile(path, starter.content);
 */
export async function findStarter(lab: Lab, exercise: ExerciseManifest): Promise<StarterLookup> {
  const expected = lab.manifest.starterHashes?.[exercise.file];
  if (!expected) {
    return {
      found: false,
      reason: `lab.json has no starterHashes entry for ${exercise.file} (authors: run \`pnpm lab ${lab.manifest.id} rehash\` on the original starters)`,
    };
  }
  for (const path of [
    join(lab.dir, exercise.file),
    join(stateDir(lab), 'starters', exercise.file),
  ]) {
    const content = await readFile(path, 'utf8').catch(() => undefined);
    if (content !== undefined && hashText(content) === expected) {
      return { found: true, content, from: path };
    }
  }
  const fromGit = await findInGit(lab.dir, exercise.file, expected);
  if (fromGit)
    return { found: true, content: fromGit.content, from: `git ${fromGit.commit.slice(0, 10)}` };
  return {
    found: false,
    reason: `no copy of the starter of ${exercise.file} was found (not in .lab/starters, not in git history); get it from the course repository`,
  };
}

async function findInGit(
  labDir: string,
  file: string,
  expected: string,
): Promise<{ content: string; commit: string } | undefined> {
  const git = (...args: string[]) =>
    run('git', ['-C', labDir, ...args], { timeout: GIT_TIMEOUT_MS, maxBuffer: 8 * 1024 * 1024 });
  let commits: string[];
  try {
    const { stdout } = await git('log', '--all', `-n${MAX_COMMITS}`, '--format=%H', '--', file);
    commits = stdout.split('\n').filter(Boolean);
  } catch {
    return undefined; // not a git checkout, or git is not installed
  }
  for (const commit of commits) {
    try {
      const { stdout } = await git('show', `${commit}:./${file}`);
      if (hashText(stdout) === expected) return { content: stdout, commit };
    } catch {
      // The file was deleted in that commit.
    }
  }
  return undefined;
}
