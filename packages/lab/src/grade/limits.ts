// The grader's time rules in one place (README.md, "How grading isolates and times out code").

/**
 * Time past a test's limit before the watchdog kills a blocked test process: lets vitest's own
 * timeout fire first whenever the event loop still can.
 */
export const KILL_GRACE_MS = 1_500;

/**
 * How long a test process may stay in one phase (loading, a hook, a test) while its event loop
 * still turns. vitest's own timeouts end hooks and tests long before; this only catches what
 * vitest cannot time (an import that awaits forever), and is generous so that a slow machine
 * never costs a student an exercise.
 * @example
 * backstopMs(5000); // 25000
 */
export function backstopMs(limitMs: number): number {
  return 3 * limitMs + 10_000;
}
