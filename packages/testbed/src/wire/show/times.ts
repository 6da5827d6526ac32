// Times in a transcript: `performance.now()` values shown relative to the transcript's start.
import type { Transcript } from '../record/transcript.ts';

/**
 * `at` as an offset from the transcript's start, to a tenth of a millisecond.
 *
 * @example
 * sinceStart({ start: 1000 } as Transcript, 1001.23) // '+1.2 ms'
 */
export function sinceStart(transcript: Pick<Transcript, 'start'>, at: number): string {
  const ms = at - transcript.start;
  // Round -0.04 to +0.0: an event recorded a hair before a start the test set just after it.
  const shown = Math.abs(ms) < 0.05 ? 0 : ms;
  return `${shown < 0 ? '' : '+'}${shown.toFixed(1)} ms`;
}
