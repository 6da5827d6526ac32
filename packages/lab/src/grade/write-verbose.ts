// --verbose: the grader's own notes and everything the grading process printed, on stderr, for
// whoever debugs the grader (students never need it).
import type { Context } from '../context.ts';
import type { Graded } from './grade-lab.ts';

/**
 * Writes a grading's notes and log to stderr.
 * @example
 * if (flags.verbose) writeVerbose(context, graded);
 */
export function writeVerbose(context: Context, graded: Graded): void {
  const { stderr } = context.io;
  for (const note of graded.notes) stderr.write(`note: ${note}\n`);
  if (graded.log.trim()) stderr.write(`--- vitest and grader log ---\n${graded.log}\n`);
}
