// Watch mode: grade, show the scoreboard, then re-grade each time a file of the lab is saved,
// until q or Ctrl-C. Like rustlings' watch mode, it is one loop over one stream of typed events
// (events.ts: files changed, a key, abort, a grading done) that alone changes one small state
// (state.ts). A save re-grades only what it can have changed: the exercises whose grading reads
// the saved file (regrade.ts, import-graph.ts); the other rows keep their last results and the
// scoreboard says which were graded now. A save under tests/, a file no graded test reads, or
// `r` re-grades everything. A save during a grading queues exactly one more grading (of
// everything saved meanwhile), never two at once. After each grading a spare grading process
// starts and waits, so that the next save does not wait for vitest to start.
import { EventEmitter, on } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../context.ts';
import { type Graded, gradeLab } from '../grade/grade-lab.ts';
import { startSpare } from '../grade/grading-process.mjs';
import { mergeResults } from '../grade/merge-results.ts';
import type { LabResult, Target } from '../grade/types.ts';
import { writeVerbose } from '../grade/write-verbose.ts';
import type { Lab } from '../manifest/types.ts';
import type { ScoreboardOptions } from '../output/scoreboard.ts';
import { painter, useColor } from '../output/style.ts';
import { defaultHintExercise, formatHints, revealHint } from '../state/hints.ts';
import type { GradingOutcome, WatchEvent } from './events.ts';
import { watchFolders } from './file-watcher.ts';
import { filesReadByExercise } from './import-graph.ts';
import { hasKeys, listenToKeys } from './keys.ts';
import { type Selection, selectRegrade } from './regrade.ts';
import { type Due, describeSaved, exitCode, mergeDue, type WatchState } from './state.ts';

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
  /** --seed: the fixtures' seed for every grading (a fresh one each time when undefined). */
  readonly seed?: number;
}

/**
 * Grades, then re-grades on every change until the user quits (q, or Ctrl-C and SIGTERM, which
 * abort `context.signal`).
 * Resolves with the exit code of the last grading.
 * @example
 * process.exitCode = await watchLab({ context, lab, target: 'exercises', render, afterGrading, verbose: false });
 */
export async function watchLab(options: WatchOptions): Promise<number> {
  const { context, lab, target } = options;
  const { io } = context;
  const terminal = io.stdout.isTTY === true;
  const keys = hasKeys(io);
  const folders = [target, 'tests'];
  const footer = `Watching ${folders.map((f) => `${f}/`).join(' and ')}: save a file to re-grade. ${
    keys ? 'Keys: r re-grade · h hint · q quit.' : 'Ctrl-C to stop.'
  }`;

  // The channel every source posts to; node:events' on() queues what comes while the loop is busy.
  const bus = new EventEmitter();
  const post = (event: WatchEvent) => bus.emit('event', event);
  const events = on(bus, 'event') as AsyncIterableIterator<[WatchEvent]>;
  const watcher = await watchFolders(lab.dir, folders, DEBOUNCE_MS, (files) =>
    post({ type: 'files-changed', files }),
  );
  const releaseKeys = keys
    ? listenToKeys(io.stdin, (key) => post({ type: 'key', key }))
    : undefined;
  const onAbort = () => post({ type: 'abort' });
  context.signal?.addEventListener('abort', onAbort, { once: true });
  if (context.signal?.aborted) onAbort();

  const state: WatchState = { stopped: false };

  // A grading runs beside the loop and posts its outcome; only the loop starts one.
  const due = (reason: Due) => {
    if (state.running) {
      state.queued = mergeDue(state.queued, reason);
      return;
    }
    const running = new AbortController();
    state.running = running;
    void grade(reason, running.signal).then((outcome) => post({ type: 'grading-done', outcome }));
  };

  const grade = async (reason: Due, signal: AbortSignal): Promise<GradingOutcome> => {
    try {
      const selection = await select(reason);
      // Only files that cannot change a grade were saved (see selectRegrade).
      if (!selection.all && selection.ids.length === 0) return { kind: 'skipped' };
      const only = selection.all ? undefined : selection.ids;
      const what = only ? `re-grading ${only.join(', ')} of` : 'grading';
      io.stdout.write(
        terminal
          ? `${CLEAR_SCREEN}${capitalise(what)} ${lab.manifest.id} (${selection.reason})…\n`
          : `\n── ${what} ${lab.manifest.id} (${selection.reason}) ──\n`,
      );
      return {
        kind: 'graded',
        selection,
        graded: await gradeLab(lab, { target, env: io.env, signal, only, seed: options.seed }),
      };
    } catch (error) {
      return { kind: 'failed', error: error as Error };
    }
  };

  // What to grade now: everything without a previous result to keep, else what the saves reach.
  const select = async (reason: Due): Promise<Selection> => {
    if ('everything' in reason) return { all: true, reason: reason.everything };
    if (!state.last) return { all: true, reason: `${describeSaved(reason.saved)} changed` };
    const reads = await filesReadByExercise(lab, target);
    const order = lab.manifest.exercises.map((e) => e.id);
    return selectRegrade(reason.saved, reads, order, (file) =>
      existsSync(join(lab.dir, ...file.split('/'))),
    );
  };

  // A grading's results over the last picture, recorded, then the scoreboard.
  const show = async (outcome: GradingOutcome) => {
    if (outcome.kind === 'skipped') return;
    if (outcome.kind === 'failed') {
      io.stderr.write(`grading failed: ${outcome.error.message}\n`);
      return;
    }
    const { selection, graded } = outcome;
    const only = selection.all ? undefined : selection.ids;
    const whole =
      state.last && only ? { ...graded, result: mergeResults(state.last, graded.result) } : graded;
    state.last = whole.result;
    await options.afterGrading(lab, whole);
    if (options.verbose) writeVerbose(context, graded);
    const regraded = only ? { ids: only, reason: selection.reason } : undefined;
    io.stdout.write(
      `${terminal ? CLEAR_SCREEN : ''}${options.render(whole.result, { footer, regraded })}`,
    );
  };

  const showHint = async () => {
    const exercise = await defaultHintExercise(lab);
    if (!exercise) return;
    const revealed = await revealHint(lab, exercise);
    const paint = painter(useColor(io.stdout, io.env));
    io.stdout.write(
      `\n${formatHints(revealed, { paint, command: `pnpm lab ${lab.manifest.id}` })}`,
    );
  };

  // The dispatch loop: one event at a time, until quit or abort.
  due({ everything: 'started' });
  try {
    for await (const [event] of events) {
      switch (event.type) {
        case 'files-changed':
          due({ saved: event.files });
          break;
        case 'key':
          if (event.key === 'quit') state.stopped = true;
          else if (event.key === 'regrade') due({ everything: 'asked to re-grade' });
          else await showHint();
          break;
        case 'abort':
          state.stopped = true;
          break;
        case 'grading-done': {
          state.running = undefined;
          await show(event.outcome);
          // vitest takes about 0.6 s to start: let the next grading find it started.
          startSpare();
          const next = state.queued;
          state.queued = undefined;
          if (next) due(next);
          break;
        }
      }
      if (state.stopped) break;
    }
  } finally {
    state.running?.abort();
    context.signal?.removeEventListener('abort', onAbort);
    releaseKeys?.();
    await watcher.close();
  }
  return exitCode(state);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
