// `pnpm lab`: every lab with the student's progress (from the last grading, no re-grading, so it
// is instant) and the one command to run next.
import type { Context } from '../context.ts';
import { discoverLabs } from '../course/discover.ts';
import { formatLabList, type LabRow } from '../output/lab-list.ts';
import { painter, useColor } from '../output/style.ts';
import { exerciseHashes, readProgress } from '../state/progress.ts';

/**
 * Prints the list of labs. Always exits 0: a broken lab is shown, not fatal.
 * @example
 * await listCommand(context); // 0
 */
export async function listCommand(context: Context): Promise<number> {
  const found = await discoverLabs(context.root);
  const rows: LabRow[] = [];
  for (const entry of found) {
    if (!entry.lab) {
      rows.push({ id: entry.id, error: entry.error.message.split('\n').slice(0, 2).join(' ') });
      continue;
    }
    const { manifest } = entry.lab;
    const progress = await readProgress(entry.lab);
    const last = progress.last;
    const changed =
      last !== undefined &&
      JSON.stringify(await exerciseHashes(entry.lab)) !== JSON.stringify(last.fileHashes);
    rows.push({
      id: manifest.id,
      title: manifest.title,
      exercises: manifest.exercises.length,
      max: manifest.exercises.reduce((sum, e) => sum + e.points, 0),
      last: last && {
        passed: last.passed,
        points: last.points,
        at: new Date(last.at),
        changedSince: changed,
      },
    });
  }
  const paint = painter(useColor(context.io.stdout, context.io.env));
  context.io.stdout.write(formatLabList(rows, { paint, root: context.root, now: new Date() }));
  return 0;
}
