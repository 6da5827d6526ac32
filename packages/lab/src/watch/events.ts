// Everything that can happen to watch mode, as one typed union: the dispatch loop in
// watch-lab.ts takes these one at a time (like rustlings' `WatchEvent`), so the state it keeps
// (state.ts) is only ever touched in one place.
import type { Graded } from '../grade/grade-lab.ts';
import type { Selection } from './regrade.ts';

/** A key the student pressed (keys.ts maps the keyboard to these). */
export type Key = 'regrade' | 'hint' | 'quit';

/** How a grading ended. */
export type GradingOutcome =
  /** Graded: the selection (what and why) and the grading of it. */
  | { readonly kind: 'graded'; readonly selection: Selection; readonly graded: Graded }
  /** Nothing to grade: only files that cannot change a grade were saved (see selectRegrade). */
  | { readonly kind: 'skipped' }
  /** The grader itself failed (a bug, or the grading process could not start). */
  | { readonly kind: 'failed'; readonly error: Error };

export type WatchEvent =
  /** Files were saved and things have gone quiet (file-watcher.ts debounces); `undefined` when the watcher could not say which. */
  | { readonly type: 'files-changed'; readonly files: readonly (string | undefined)[] }
  | { readonly type: 'key'; readonly key: Key }
  /** Ctrl-C or SIGTERM (the command's abort signal). */
  | { readonly type: 'abort' }
  | { readonly type: 'grading-done'; readonly outcome: GradingOutcome };
