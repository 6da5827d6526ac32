// Where `pnpm lab export` may write: a new or empty folder outside the course repository (or,
// with --force, one whose contents it may replace). Checked in full before anything is written.
import { lstat, readdir, realpath, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, parse, relative, resolve } from 'node:path';
import { UsageError } from '../errors.ts';

/** Kept by --force: replacing a class repository's files must not lose its history. */
const KEEP = '.git';

/**
 * How two absolute, resolved paths relate.
 * @example
 * pathRelation('/repo/sub', '/repo'); // 'inside'
 * pathRelation('/', '/repo'); // 'contains'
 */
export function pathRelation(
  path: string,
  other: string,
): 'same' | 'inside' | 'contains' | 'apart' {
  const down = relative(other, path);
  if (down === '') return 'same';
  if (!down.startsWith('..') && !isAbsolute(down)) return 'inside';
  const up = relative(path, other);
  if (!up.startsWith('..') && !isAbsolute(up)) return 'contains';
  return 'apart';
}

// The real path of a folder that may not exist yet: its nearest existing ancestor, resolved
// (symbolic links and all), with the rest appended.
async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return join(await realPathOf(parent), basename(path));
  }
}

export interface Target {
  /** Absolute. */
  readonly dir: string;
  /** What is in it now, `.git` aside: --force deletes these. */
  readonly existing: readonly string[];
  /** Whether it is a git repository already (an earlier export, a clone of a class repository). */
  readonly git: boolean;
}

/**
 * Checks the folder an export would write to.
 * @throws UsageError naming the folder and what to do, when it must not be written to
 * @example
 * const target = await checkTarget('/home/ada/netprog', '/home/ada/class', false);
 */
export async function checkTarget(root: string, dir: string, force: boolean): Promise<Target> {
  const target = resolve(dir);
  const [realTarget, realRoot] = await Promise.all([realPathOf(target), realPathOf(root)]);
  const suggestion = join(dirname(root), `${basename(root)}-class`);
  const relation = pathRelation(realTarget, realRoot);
  if (relation === 'same' || relation === 'inside') {
    throw new UsageError(
      `${target} is inside the course repository (${root}): export to a folder outside it, e.g. ${suggestion}`,
    );
  }
  if (relation === 'contains') {
    throw new UsageError(
      `${target} contains the course repository (${root}): export to a new folder outside it, e.g. ${suggestion}`,
    );
  }
  const stat = await lstat(target).catch(() => undefined);
  if (!stat) return { dir: target, existing: [], git: false };
  if (!stat.isDirectory()) {
    throw new UsageError(`${target} exists and is not a folder: choose a new or empty folder`);
  }
  const names = await readdir(target);
  const git = names.includes(KEEP);
  const existing = names.filter((name) => name !== KEEP).sort();
  if (existing.length === 0) return { dir: target, existing, git };
  if (!force) {
    throw new UsageError(
      `${target} is not empty (${existing.length} ${existing.length === 1 ? 'entry' : 'entries'}${existing.length <= 3 ? `: ${existing.join(', ')}` : ''}): export to a new or empty folder, or add --force to replace everything in it but .git`,
    );
  }
  // Emptying a home folder (or one holding it, or a file-system root) is never what was meant.
  const home = pathRelation(realTarget, await realPathOf(homedir()));
  if (home === 'same' || home === 'contains' || realTarget === parse(realTarget).root) {
    throw new UsageError(
      `refusing to empty ${target} for --force: export to a folder of its own, e.g. ${suggestion}`,
    );
  }
  return { dir: target, existing, git };
}

/**
 * Deletes what --force replaces: everything in the target but .git.
 * @example
 * await clearTarget(target);
 */
export async function clearTarget(target: Target): Promise<void> {
  for (const name of target.existing) {
    await rm(join(target.dir, name), { recursive: true, force: true });
  }
}
