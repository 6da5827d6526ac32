// What the docs:record scripts share: running the real `pnpm lab` from the repository root, as
// a reader types it, and writing what it printed under outputs/, after the command that was run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root, where `pnpm lab` runs. */
export const repo = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Runs `node packages/lab/bin/lab.mjs …args` from the repository root, without colour; or,
 * with `cwd`, from that folder, which holds its own `packages/lab/bin/lab.mjs` (a class copy)
 * unless `bin` names another.
 * @example
 * lab(['--version']).stdout; // '1.0.0\n'
 * lab(['chapter3', '--once'], { cwd: '/tmp/class' }).stdout;
 */
export function lab(
  args: readonly string[],
  { cwd = repo, bin = 'packages/lab/bin/lab.mjs' }: { cwd?: string; bin?: string } = {},
): { stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', INIT_CWD: cwd },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 600_000,
  });
  if (run.error) throw run.error;
  return { stdout: run.stdout, stderr: run.stderr };
}

/**
 * A writer of recorded outputs into `folder` (under packages/lab/outputs/), each file starting
 * with `$ command`. The files are written when the process exits, all at once: an export run
 * in between would otherwise see them as uncommitted changes and say so in its own recording.
 * @example
 * const record = recorder('guide');
 * record('version.txt', 'pnpm lab --version', lab(['--version']).stdout);
 */
export function recorder(folder: string): (file: string, command: string, text: string) => void {
  const outputs = fileURLToPath(new URL(`../outputs/${folder}/`, import.meta.url));
  const pending = new Map<string, string>();
  process.once('exit', (code) => {
    if (code !== 0) return; // a failed run records nothing rather than half of it
    mkdirSync(outputs, { recursive: true });
    for (const [file, text] of pending) writeFileSync(join(outputs, file), text);
    console.log(`wrote ${pending.size} recordings into outputs/${folder}/`);
  });
  return (file, command, text) => {
    pending.set(file, `$ ${command}\n${text}`);
    console.log(`recorded ${folder}/${file}`);
  };
}
