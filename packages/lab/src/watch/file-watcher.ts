// Tells watch mode which files of a lab were saved. chokidar, not node:fs's recursive watch:
// on Linux, Node 20's recursive fs.watch watches each file's inode, so once a file is replaced by
// rename (`git checkout`, `pnpm lab … reset`, editors that save by writing a new file and renaming
// it over the old) its later saves are never seen. chokidar watches each folder and re-arms.
// Saves come in bursts (an editor writes, renames, touches; a copy writes several files), so
// changes are collected until `debounceMs` pass without one.
import { relative, sep } from 'node:path';
import { watch } from 'chokidar';

export interface FileWatcher {
  close(): Promise<void>;
}

/**
 * Watches `folders` of `labDir` and calls `onChange` with the lab-relative paths (`/`-separated)
 * changed since the last call, once things are quiet. Resolves once the watcher is ready, so no
 * save after that is missed.
 * @example
 * const watcher = await watchFolders(lab.dir, ['exercises', 'tests'], 200, (files) => …);
 * await watcher.close();
 */
export async function watchFolders(
  labDir: string,
  folders: readonly string[],
  debounceMs: number,
  onChange: (files: readonly (string | undefined)[]) => void,
): Promise<FileWatcher> {
  let changed: (string | undefined)[] = [];
  let timer: NodeJS.Timeout | undefined;
  const note = (file: string | undefined) => {
    changed.push(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = changed;
      changed = [];
      onChange(files);
    }, debounceMs);
  };
  const watcher = watch(
    folders.map((folder) => `${labDir}${sep}${folder}`),
    { ignoreInitial: true },
  );
  watcher.on('all', (_event, path) => note(relative(labDir, path).split(sep).join('/')));
  // The watcher lost track (a folder it could not read): say "a file changed", re-grade all.
  watcher.on('error', () => note(undefined));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
