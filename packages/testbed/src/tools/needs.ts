// A check that needs a tool (python3, strace) skips where the tool is missing, with one line
// saying why, but never in CI: there the tool is installed on purpose, and a skip would hide
// that the check did not run.

/** The part of a vitest test context this needs. */
interface SkippableContext {
  skip(note?: string): void;
}

/**
 * Skips the test with `missing` as its note; under CI (the CI environment variable set) throws
 * instead, so CI never passes a check it did not run. Returns true when the test should stop.
 *
 * @example
 * if (skipWhenMissing(context, await pythonUnavailable())) return;
 */
export function skipWhenMissing(context: SkippableContext, missing: string | undefined): boolean {
  if (missing === undefined) return false;
  if (process.env.CI) throw new Error(`CI must run this check, but ${missing}`);
  context.skip(missing);
  return true;
}
