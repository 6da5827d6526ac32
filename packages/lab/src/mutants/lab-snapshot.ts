// `pnpm lab mutate` runs StrykerJS in place (`inPlace`): it writes mutated solutions into the lab
// itself, which is the only way the lab's own vitest configuration, aliases and workspace
// packages resolve as they do for grading. Stryker puts the files back when it ends normally;
// this puts the whole lab back whatever happens: a snapshot of every file is kept in memory and
// on disk (.lab/mutate-backup) before Stryker starts, restored when it ends (Ctrl-C included),
// and a backup left by a run that was killed outright is restored by the next run. Files Stryker
// adds (its vitest runner's `stryker-setup-N.js`) are removed; other new files are left alone.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';

/** New files that are Stryker's litter, removed on restore. */
const LITTER = /^stryker-/;

/** Folders of a lab that are not the lab's own files. */
const SKIP = new Set(['node_modules', '.lab', '.stryker-tmp']);

export interface LabSnapshot {
  /** Writes back every file that differs or is missing; removes the on-disk backup. */
  restore(): Promise<string[]>;
}

/**
 * Restores the lab from a backup an interrupted run left, if any.
 * @returns the files it put back
 * @example
 * const restored = await restoreLeftBackup(lab.dir, backupDir);
 */
export async function restoreLeftBackup(labDir: string, backupDir: string): Promise<string[]> {
  if (!existsSync(backupDir)) return [];
  const files = await readTree(backupDir);
  return writeBack(labDir, files, backupDir);
}

/**
 * Snapshots every file of the lab (not node_modules, .lab or .stryker-tmp).
 * @example
 * const snapshot = await snapshotLab(lab.dir, join(stateDir(lab), 'mutate-backup'));
 * try { await runStryker(); } finally { await snapshot.restore(); }
 */
export async function snapshotLab(labDir: string, backupDir: string): Promise<LabSnapshot> {
  const files = await readTree(labDir);
  for (const [file, content] of files) {
    await mkdir(dirname(join(backupDir, file)), { recursive: true });
    await writeFile(join(backupDir, file), content);
  }
  return { restore: () => writeBack(labDir, files, backupDir) };
}

async function writeBack(
  labDir: string,
  files: ReadonlyMap<string, Buffer>,
  backupDir: string,
): Promise<string[]> {
  const restored: string[] = [];
  for (const [file, content] of files) {
    const path = join(labDir, file);
    const now = await readFile(path).catch(() => undefined);
    if (now?.equals(content)) continue;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    restored.push(file.split(sep).join('/'));
  }
  for (const file of (await readTree(labDir)).keys()) {
    if (!files.has(file) && LITTER.test(file.split(sep).at(-1) ?? '')) {
      await rm(join(labDir, file), { force: true });
      restored.push(`${file.split(sep).join('/')} (removed)`);
    }
  }
  await rm(backupDir, { recursive: true, force: true });
  return restored;
}

async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name).slice(dir.length + 1);
    if (SKIP.has(file.split(sep)[0] ?? '')) continue;
    files.set(file, await readFile(join(dir, file)));
  }
  return files;
}
