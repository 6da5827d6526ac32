// Watch mode: grade, show the scoreboard, then re-grade each time a file of the lab is saved,
// until Ctrl-C (or q). Saves come in bursts (editors write, rename, touch), so changes are
// debounced; a save during a grading queues exactly one more grading, never two at once.
import { type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';
import { emitKeypressEvents } from 'node:readline';
import { writeVerbose } from './commands/grade.ts';
import type { Context } from './context.ts';
import { type Graded, gradeLab } from './grade/grade-lab.ts';
import type { LabResult, Target } from './grade/types.ts';
import { defaultHintExercise, formatHints, revealHint } from './hints.ts';
import type { Lab } from './manifest/types.ts';
import { painter, useColor } from './output/style.ts';

/** Quiet time after the last change before re-grading. */
export const DEBOUNCE_MS = 200;
const CLEAR_SCREEN = '\u001b[2J\u001b[3J\u001b[H';

export interface WatchOptions {
  readonly context: Context;
  readonly lab: Lab;
  readonly target: Target;
  readonly render: (result: LabResult, footer?: string) => string;
  readonly afterGrading: (lab: Lab, graded: Graded) => Promise<void>;
  readonly verbose: boolean;
}

/**
 * Grades, then re-grades on every change until the user quits (q, or Ctrl-C and SIGTERM, which
 * abort `context.signal`).
 * Resolves with the exit code of the last grading.
 * @example
 * process.exitCode = await watchLab({ context, lab, target: 'exercises', render, afterGrading, verbose: false });
 */
export function watchLab(options: WatchOptions): Promise<number> {
  const { context, lab, target } = options;
  const { stdout, stdin } = context.io;
  const terminal = stdout.isTTY === true;
  const keys = terminal && stdin.isTTY === true && typeof stdin.setRawMode === 'function';
  const paint = painter(useColor(stdout, context.io.env));
  const folders = [target, 'tests'];
  const footer = `Watching ${folders.map((f) => `${f}/`).join(' and ')}: save a file to re-grade. ${
    keys ? 'Keys: r re-grade · h hint · q quit.' : 'Ctrl-C to stop.'
  }`;

  return new Promise<number>((resolve) => {
    let last: LabResult | undefined;
    let running: AbortController | undefined;
    let queued: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const watchers: FSWatcher[] = [];

    const grade = async (reason: string): Promise<void> => {
      if (running) {
        queued = reason;
        return;
      }
      running = new AbortController();
      stdout.write(
        terminal
          ? `${CLEAR_SCREEN}Grading ${lab.manifest.id} (${reason})…\n`
          : `\n── grading ${lab.manifest.id} (${reason}) ──\n`,
      );
      try {
        const graded = await gradeLab(lab, { target, signal: running.signal });
        if (stopped) return;
        last = graded.result;
        await options.afterGrading(lab, graded);
        if (options.verbose) writeVerbose(context, graded);
        stdout.write(`${terminal ? CLEAR_SCREEN : ''}${options.render(graded.result, footer)}`);
      } catch (error) {
        if (!stopped) context.io.stderr.write(`grading failed: ${(error as Error).message}\n`);
      } finally {
        running = undefined;
      }
      if (queued && !stopped) {
        const next = queued;
        queued = undefined;
        await grade(next);
      }
    };

    const onChange = (folder: string) => (_event: string, file: string | Buffer | null) => {
      if (stopped) return;
      const changed = file ? `${folder}/${String(file)} changed` : `${folder}/ changed`;
      clearTimeout(timer);
      timer = setTimeout(() => void grade(changed), DEBOUNCE_MS);
    };

    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      running?.abort();
      context.signal?.removeEventListener('abort', stop);
      if (keys) {
        stdin.setRawMode?.(false);
        stdin.pause();
      }
      resolve(last && last.passed === last.total ? 0 : 1);
    };

    for (const folder of folders) {
      watchers.push(watch(join(lab.dir, folder), { recursive: true }, onChange(folder)));
    }
    if (context.signal?.aborted) stop();
    context.signal?.addEventListener('abort', stop, { once: true });
    if (keys) {
      emitKeypressEvents(stdin);
      stdin.setRawMode?.(true);
      stdin.on('keypress', (_text: string, key: { name?: string; ctrl?: boolean } | undefined) => {
        if (!key) return;
        if (key.name === 'q' || (key.ctrl && key.name === 'c')) stop();
        else if (key.name === 'r' || key.name === 'return') void grade('asked to re-grade');
        else if (key.name === 'h') void showHint();
      });
    }

    const showHint = async () => {
      const exercise = await defaultHintExercise(lab);
      if (!exercise) return;
      const revealed = await revealHint(lab, exercise);
      stdout.write(`\n${formatHints(revealed, { paint, command: `pnpm lab ${lab.manifest.id}` })}`);
    };

    void grade('started');
  });
}
