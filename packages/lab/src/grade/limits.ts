// The grader's time rules in one place (README.md, "How grading isolates and times out code").

/**
 * Time past a test's limit before the watchdog kills a blocked test process: lets vitest's own
 * timeout fire first whenever the event loop still can.
 */
export const KILL_GRACE_MS = 1_500;

/**
 * CPU time a test process may burn while silent past its limit before the watchdog calls it stuck
 * without waiting out the grace: silent and busy is a loop that never yields (a busy machine
 * leaves a process silent but idle, and only the grace applies to that). Where the CPU time cannot
 * be read (no /proc), the grace alone decides. 250 ms of a core is far more than any garbage
 * collection or module load takes, and a spinning exercise is stopped about 1 s sooner, which
 * also saves that second of CPU on every machine grading it.
 */
export const SPIN_CPU_MS = 250;

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

/**
 * Test processes at a time in a grading, unless the request says otherwise (verify's mutants
 * take one each): one per core, and at least four. Most graded tests wait (a peer's silence, a
 * retransmission timer, an interval) far more than they compute, so on two cores four processes
 * still overlap their waits: lab 6's solutions graded in 2.3 s with four and 3.3 s with two,
 * lab 5's in 1.8 s and 2.6 s (medians of 5 interleaved runs, quiet), and every run under two
 * busy processes (stress-ng --cpu 2) still scored 100/100.
 * @example
 * gradingWorkers(2); // 4
 */
export function gradingWorkers(cores: number): number {
  return Math.max(4, cores);
}
