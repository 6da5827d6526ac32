// Hints are revealed one at a time, like rustlings': each request for the same exercise shows one
// more, and the count is remembered in the lab's .lab/progress.json.

import type { ExerciseManifest, Lab } from '../manifest/types.ts';
import { type Paint, wrap } from '../output/style.ts';
import { readProgress, writeProgress } from './progress.ts';

/** Hints are prose: wrapped to a comfortable reading width. */
const HINT_WIDTH = 96;

export interface Revealed {
  readonly exercise: ExerciseManifest;
  /** The hints shown so far, including the one just revealed. */
  readonly shown: readonly string[];
  /** Whether this request revealed a new hint (false once all are shown). */
  readonly revealedNew: boolean;
}

/**
 * The exercise hints are for when none is named: the first that did not pass at the last
 * grading, else the first exercise.
 * @example
 * const exercise = await defaultHintExercise(lab);
 */
export async function defaultHintExercise(lab: Lab): Promise<ExerciseManifest | undefined> {
  const { last } = await readProgress(lab);
  const { exercises } = lab.manifest;
  if (!last) return exercises[0];
  return exercises.find((e) => last.exercises[e.id]?.status !== 'pass');
}

/**
 * Reveals one more hint of `exercise` and remembers it.
 * @example
 * const { shown } = await revealHint(lab, exercise); // shown.length grows by one per call
 */
export async function revealHint(lab: Lab, exercise: ExerciseManifest): Promise<Revealed> {
  const progress = await readProgress(lab);
  const before = progress.hintsShown[exercise.id] ?? 0;
  const count = Math.min(before + 1, exercise.hints.length);
  if (count !== before) {
    await writeProgress(lab, {
      ...progress,
      hintsShown: { ...progress.hintsShown, [exercise.id]: count },
    });
  }
  return { exercise, shown: exercise.hints.slice(0, count), revealedNew: count > before };
}

/**
 * Formats revealed hints; the newest is marked.
 * @example
 * formatHints(revealed, { paint: painter(false), command: 'pnpm lab chapter3' });
 */
export function formatHints(
  revealed: Revealed,
  options: { paint: Paint; command: string },
): string {
  const { exercise, shown, revealedNew } = revealed;
  const { paint } = options;
  const total = exercise.hints.length;
  if (total === 0) {
    return `${exercise.id} (${exercise.title}) has no hints. Re-read its goal in the lab's README.md.\n`;
  }
  const lines = [
    paint('bold', `Hints for ${exercise.id} (${exercise.title}): ${shown.length} of ${total}`),
    '',
  ];
  shown.forEach((hint, index) => {
    const isNew = revealedNew && index === shown.length - 1;
    const text = `  ${wrap(`${index + 1}. ${hint}`, HINT_WIDTH, '     ')}`;
    lines.push(isNew ? paint('cyan', text) : paint('dim', text));
  });
  lines.push('');
  lines.push(
    shown.length < total
      ? `Still stuck? Ask again for the next one: ${paint('cyan', `${options.command} hint ${exercise.id}`)}`
      : 'That was the last hint. The chapter text walks through the same ideas.',
  );
  return `${lines.join('\n')}\n`;
}
