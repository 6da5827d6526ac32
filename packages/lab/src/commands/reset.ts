// `pnpm lab <lab> reset <exercise>`: put the starter back, after a confirmation, keeping the
// student's version in .lab/backups/ (nothing a student wrote is ever thrown away).
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Context } from '../context.ts';
import { selectExercise } from '../course/select-exercise.ts';
import { UsageError } from '../errors.ts';
import { hashText } from '../manifest/hash.ts';
import type { Lab } from '../manifest/types.ts';
import { stateDir } from '../state/progress.ts';
import { findStarter } from '../state/starters.ts';

/**
 * Restores an exercise's starter. Exits 0 when restored (or nothing to do), 1 when the starter
 * cannot be found.
 * @example
 * await resetCommand(context, lab, 'connect', true);
 */
export async function resetCommand(
  context: Context,
  lab: Lab,
  typed: string,
  yes: boolean,
): Promise<number> {
  const { io } = context;
  const exercise = selectExercise(lab, typed);
  const path = join(lab.dir, exercise.file);
  const shown = relative(context.root, path);
  const starter = await findStarter(lab, exercise);
  if (!starter.found) {
    io.stderr.write(`cannot reset ${exercise.id}: ${starter.reason}\n`);
    return 1;
  }
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current !== undefined && hashText(current) === hashText(starter.content)) {
    io.stdout.write(`${shown} is already the starter: nothing to do.\n`);
    return 0;
  }
  if (!yes) {
    if (io.stdin.isTTY !== true) {
      throw new UsageError(
        `reset would replace ${shown}: confirm with --yes (there is no terminal to ask in)`,
      );
    }
    const answer = await ask(
      context,
      `Replace ${shown} with the starter? Your version is backed up first. [y/N] `,
    );
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.stdout.write('Nothing changed.\n');
      return 0;
    }
  }
  let backup: string | undefined;
  if (current !== undefined) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    backup = join(stateDir(lab), 'backups', `${basename(exercise.file, '.ts')}.${stamp}.ts`);
    await mkdir(join(stateDir(lab), 'backups'), { recursive: true });
    await copyFile(path, backup);
  }
  await writeFile(path, starter.content);
  io.stdout.write(`Restored ${shown} to its starter.\n`);
  if (backup) io.stdout.write(`Your version is saved as ${relative(context.root, backup)}\n`);
  return 0;
}

async function ask(context: Context, question: string): Promise<string> {
  const rl = createInterface({ input: context.io.stdin, output: context.io.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
