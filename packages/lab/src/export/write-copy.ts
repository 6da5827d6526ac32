// Writes the planned files of a class copy into its folder: regular files with their mode
// (executables stay executable), symbolic links as links.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

export interface CopyFile {
  /** Relative to the copy's folder, with `/`. */
  readonly path: string;
  /** git's mode: `100644`, `100755` (executable) or `120000` (a link; the content is its target). */
  readonly mode: string;
  readonly content: Buffer;
}

/**
 * Writes every file under `dir`, creating folders as needed.
 * @throws Error for a path that would land outside `dir` (git never records one; checked anyway)
 * @example
 * await writeCopy('/tmp/class', [{ path: 'README.md', mode: '100644', content }]);
 */
export async function writeCopy(dir: string, files: readonly CopyFile[]): Promise<void> {
  const made = new Set<string>();
  for (const file of files) {
    const path = join(dir, file.path);
    if (relative(dir, path).startsWith('..')) {
      throw new Error(`refusing to write ${file.path}: it is outside ${dir}`);
    }
    const folder = dirname(path);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    if (file.mode === '120000') await symlink(file.content.toString(), path);
    else await writeFile(path, file.content, { mode: file.mode === '100755' ? 0o755 : 0o644 });
  }
}
