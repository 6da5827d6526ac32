// Build-time data loader: reads every labs/chapterN/lab.json, so the labs overview shows the
// exercises and points the grader really uses (points come from the manifest only), and each
// lab page shows the same hints `pnpm lab hint` gives, behind a click.
import { readFile } from 'node:fs/promises';
import { defineLoader } from 'vitepress';
import { devWatch } from '../.vitepress/loader-watch.ts';

/** One lab as the overview shows it; `exercises` is empty when the lab has no manifest yet. */
export interface LabSummary {
  chapter: number;
  title: string | null;
  exercises: ExerciseSummary[];
  totalPoints: number;
}

/** One exercise: paths are relative to the lab's folder (labs/chapterN/). */
export interface ExerciseSummary {
  id: string;
  title: string;
  points: number;
  /** The starter file the student edits, e.g. 'exercises/port-spec.ts'. */
  file: string;
  /** The graded test, e.g. 'tests/port-spec.test.ts'. */
  test: string;
  /** From a nudge to a sketch, in the order `pnpm lab hint` gives them. */
  hints: string[];
}

declare const data: LabSummary[];

export { data };

const chapterNumbers = [1, 2, 3, 4, 5, 6];

/**
 * Reduces a parsed lab.json to what the overview needs; anything malformed is reported with the
 * file it came from, so a broken manifest fails the docs build with a clear message.
 *
 * @example
 * summariseLab(3, { title: 'The TCP client', exercises: [{ id: 'fetch', title: 'Fetch', points: 4,
 *   file: 'exercises/fetch.ts', test: 'tests/fetch.test.ts', hints: ['Start small.'] }] }, 'labs/chapter3/lab.json')
 * // { chapter: 3, title: 'The TCP client', exercises: [...], totalPoints: 4 }
 */
export function summariseLab(chapter: number, manifest: unknown, file: string): LabSummary {
  const m = manifest as { title?: unknown; exercises?: unknown };
  if (typeof m !== 'object' || m === null || !Array.isArray(m.exercises)) {
    throw new Error(`${file}: expected an object with an "exercises" array; fix the manifest.`);
  }
  const exercises = m.exercises.map((e: Record<string, unknown>): ExerciseSummary => {
    if (
      typeof e.id !== 'string' ||
      typeof e.title !== 'string' ||
      typeof e.points !== 'number' ||
      typeof e.file !== 'string' ||
      typeof e.test !== 'string'
    ) {
      throw new Error(
        `${file}: every exercise needs a string id, title, file and test and a number of points.`,
      );
    }
    const hints = e.hints ?? [];
    if (!Array.isArray(hints) || !hints.every((h) => typeof h === 'string')) {
      throw new Error(`${file}: exercise ${e.id}'s "hints" must be a list of strings.`);
    }
    return { id: e.id, title: e.title, points: e.points, file: e.file, test: e.test, hints };
  });
  return {
    chapter,
    title: typeof m.title === 'string' ? m.title : null,
    exercises,
    totalPoints: exercises.reduce((sum, e) => sum + e.points, 0),
  };
}

export default defineLoader({
  watch: devWatch(['../../labs/*/lab.json']),
  async load(): Promise<LabSummary[]> {
    return Promise.all(
      chapterNumbers.map(async (chapter) => {
        const file = new URL(`../../labs/chapter${chapter}/lab.json`, import.meta.url);
        const text = await readFile(file, 'utf8').catch(() => null);
        if (text === null) return { chapter, title: null, exercises: [], totalPoints: 0 };
        return summariseLab(chapter, JSON.parse(text), `labs/chapter${chapter}/lab.json`);
      }),
    );
  },
});
