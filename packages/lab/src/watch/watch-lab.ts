// Watch mode: grade, show the scoreboard, then re-grade each time a file of the lab is saved,
// until Ctrl-C (or q). Like rustlings, a save re-grades only what it can have changed: the
// exercises whose grading reads the saved file (regrade.ts, import-graph.ts); the other rows keep
// their last results and the scoreboard says which were graded now. A save under tests/, a file
// no graded test reads, or `r` re-grades everything. Saves come in bursts (editors write,
// rename, touch), so changes are debounced; a save during a grading queues exactly one more
// grading (of everything saved meanwhile), never two at once.
import { existsSync, type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';
import { emitKeypressEvents } from 'node:readline';
import type { Context } from '../context.ts';
import { type Graded, gradeLab } from '../grade/grade-lab.ts';
import { mergeResults } from '../grade/merge-results.ts';
import type { LabResult, Target } from '../grade/types.ts';
import { writeVerbose } from '../grade/write-verbose.ts';
import type { Lab } from '../manifest/types.ts';
import type { ScoreboardOptions } from '../output/scoreboard.ts';
import { painter, useColor } from '../output/style.ts';
import { defaultHintExercise, formatHints, revealHint } from '../state/hints.ts';
import { filesReadByExercise } from './import-graph.ts';
import { type Selection, selectRegrade } from './regrade.ts';

/** Quiet time after the last change before re-grading. */
export const DEBOUNCE_MS = 200;
const CLEAR_SCREEN = '\u001b[2J\u001b[3J\u001b[H';

export interface WatchOptions {
  readonly context: Context;
  readonly lab: Lab;
  readonly target: Target;
  readonly render: (
    result: LabResult,
    extra: Pick<ScoreboardOptions, 'footer' | 'regraded'>,
  ) => string;
  /** Told about every grading, with the whole lab's result (a partial one merged over the last). */
  readonly afterGrading: (lab: Lab, graded: Graded) => Promise<void>;
  readonly verbose: boolean;
}

/** Why a grading is due: a reason to grade everything, or the files saved since the last one. */
type Due = { readonly everything: string } | { readonly saved: readonly (string | undefined)[] };

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
    let queued: Due | undefined;
    let saved: (string | undefined)[] = [];
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const watchers: FSWatcher[] = [];

    // What to grade now: everything without a previous result to keep, else what the saves
    // reach.
    const select = async (due: Due): Promise<Selection> => {
      if ('everything' in due) return { all: true, reason: due.everything };
      if (!last) return { all: true, reason: `${describe(due.saved)} changed` };
      const reads = await filesReadByExercise(lab, target);
      const order = lab.manifest.exercises.map((e) => e.id);
      return selectRegrade(due.saved, reads, order, (file) =>
        existsSync(join(lab.dir, ...file.split('/'))),
      );
    };

    // One grading: what the saves reach, merged over the last picture, then the scoreboard.
    const gradeOnce = async (due: Due, signal: AbortSignal): Promise<void> => {
      const selection = await select(due);
      // Only files that cannot change a grade were saved (see selectRegrade).
      if (!selection.all && selection.ids.length === 0) return;
      const only = selection.all ? undefined : selection.ids;
      const what = only ? `re-grading ${only.join(', ')} of` : 'grading';
      stdout.write(
        terminal
          ? `${CLEAR_SCREEN}${capitalise(what)} ${lab.manifest.id} (${selection.reason})…\n`
          : `\n── ${what} ${lab.manifest.id} (${selection.reason}) ──\n`,
      );
      const graded = await gradeLab(lab, { target, signal, only });
      if (stopped) return;
      const whole =
        last && only ? { ...graded, result: mergeResults(last, graded.result) } : graded;
      last = whole.result;
      await options.afterGrading(lab, whole);
      if (options.verbose) writeVerbose(context, graded);
      const regraded = only ? { ids: only, reason: selection.reason } : undefined;
      stdout.write(
        `${terminal ? CLEAR_SCREEN : ''}${options.render(whole.result, { footer, regraded })}`,
      );
    };

    const grade = async (due: Due): Promise<void> => {
      if (running) {
        queued = merge(queued, due);
        return;
      }
      running = new AbortController();
      try {
        await gradeOnce(due, running.signal);
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
      // fs.watch names the file relative to the watched folder (with the OS's separator).
      saved.push(file ? `${folder}/${String(file).split('\\').join('/')}` : undefined);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const due = { saved };
        saved = [];
        void grade(due);
      }, DEBOUNCE_MS);
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
        else if (key.name === 'r' || key.name === 'return') {
          void grade({ everything: 'asked to re-grade' });
        } else if (key.name === 'h') void showHint();
      });
    }

    const showHint = async () => {
      const exercise = await defaultHintExercise(lab);
      if (!exercise) return;
      const revealed = await revealHint(lab, exercise);
      stdout.write(`\n${formatHints(revealed, { paint, command: `pnpm lab ${lab.manifest.id}` })}`);
    };

    void grade({ everything: 'started' });
  });
}

// Two gradings due at once make one: everything if either is, else all the files saved.
function merge(queued: Due | undefined, due: Due): Due {
  if (!queued) return due;
  if ('everything' in queued) return queued;
  if ('everything' in due) return due;
  return { saved: [...queued.saved, ...due.saved] };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describe(saved: readonly (string | undefined)[]): string {
  const names = [...new Set(saved)];
  return names.every((name) => name !== undefined) ? names.join(', ') : 'a file';
}
