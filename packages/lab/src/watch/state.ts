// The one small state watch mode keeps between events, and the pure rules for it (like
// rustlings' watch/state.rs). Only the dispatch loop in watch-lab.ts changes it.
import type { LabResult } from '../grade/types.ts';

/** Why a grading is due: a reason to grade everything, or the files saved since the last one. */
export type Due =
  | { readonly everything: string }
  | { readonly saved: readonly (string | undefined)[] };

export interface WatchState {
  /** The whole lab's latest results (re-graded rows merged over the earlier ones); none yet before the first grading. */
  last?: LabResult;
  /** The grading running now, to cancel on quit; none when idle. */
  running?: AbortController;
  /** What to grade when the running grading ends: everything that came due meanwhile, as one. */
  queued?: Due;
  /** Set once: on quit or abort, the loop ends. */
  stopped: boolean;
}

/**
 * Two gradings due at once make one: everything if either is, else all the files saved.
 * @example
 * mergeDue({ saved: ['exercises/a.ts'] }, { saved: ['exercises/b.ts'] }); // { saved: ['exercises/a.ts', 'exercises/b.ts'] }
 */
export function mergeDue(queued: Due | undefined, due: Due): Due {
  if (!queued) return due;
  if ('everything' in queued) return queued;
  if ('everything' in due) return due;
  return { saved: [...queued.saved, ...due.saved] };
}

/**
 * The exit code of watch mode: that of its last grading (0 when every exercise passed).
 * @example
 * exitCode({ stopped: true }); // 1: nothing was graded
 */
export function exitCode(state: WatchState): number {
  return state.last && state.last.passed === state.last.total ? 0 : 1;
}

/**
 * The saved files in words, for the heading of a grading.
 * @example
 * describeSaved(['exercises/a.ts', 'exercises/a.ts']); // 'exercises/a.ts'
 */
export function describeSaved(saved: readonly (string | undefined)[]): string {
  const names = [...new Set(saved)];
  return names.every((name) => name !== undefined) ? names.join(', ') : 'a file';
}
