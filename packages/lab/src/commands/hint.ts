// `pnpm lab <lab> hint [exercise]`: one more hint each time.
import type { Context } from '../context.ts';
import { selectExercise } from '../course/select-exercise.ts';
import type { Lab } from '../manifest/types.ts';
import { painter, useColor } from '../output/style.ts';
import { defaultHintExercise, formatHints, revealHint } from '../state/hints.ts';

/**
 * Shows the next hint; exits 0.
 * @example
 * await hintCommand(context, lab, 'connect');
 */
export async function hintCommand(context: Context, lab: Lab, typed?: string): Promise<number> {
  const exercise = typed ? selectExercise(lab, typed) : await defaultHintExercise(lab);
  const command = `pnpm lab ${lab.manifest.id}`;
  if (!exercise) {
    context.io.stdout.write(
      `Every exercise of ${lab.manifest.id} passed at the last grading. For a particular one: ${command} hint <exercise>\n`,
    );
    return 0;
  }
  const paint = painter(useColor(context.io.stdout, context.io.env));
  context.io.stdout.write(formatHints(await revealHint(lab, exercise), { paint, command }));
  return 0;
}
