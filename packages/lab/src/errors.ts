// The two kinds of failure the CLI tells apart: a user mistake (exit 2, one line, no stack) and a
// lab whose files are broken (also exit 2: the lab cannot be graded until its author fixes it).

/**
 * A mistake in how the command was called: unknown lab, exercise or flag. The CLI prints its
 * message as one line on stderr and exits 2.
 * @example
 * throw new UsageError('unknown lab "chapter9": choose one of chapter1, chapter3');
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A lab that cannot be loaded: missing or invalid lab.json, missing files. Exits 2 like a usage
 * error, because nothing can be graded until the lab is fixed.
 * @example
 * throw new LabConfigError('labs/chapter3/lab.json: exercises[0].points must be a positive integer (got 0)');
 */
export class LabConfigError extends Error {
  override name = 'LabConfigError';
}
