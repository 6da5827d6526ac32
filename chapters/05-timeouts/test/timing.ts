// Shared checks for the chapter's tests: "fired within ±20% of its limit" and "left nothing open".
import { expect } from 'vitest';

/** The tolerance the chapter promises: every timeout fires within ±20% of its limit on loopback. */
export const TOLERANCE = 0.2;

/**
 * The timing tests are retried (`TIMING_RETRIES`) because a busy machine can only make a timeout
 * LATE: a correct one descheduled for 150 ms may miss the upper bound once. It can never make one
 * early. So a try that fires too early is a bug, not bad luck, and every later try of that test
 * fails too: the names of such tests are kept here, for the life of the test file.
 */
const firedEarly = new Set<string>();

/**
 * How often a test that compares wall-clock time with a limit is tried again. Honest because of
 * the rule above: an implementation that fires late fails every try (load only adds to its
 * lateness), one that fires early fails every try (firedEarly), one that never fires hits the
 * test's own time limit every try. Only a correct timeout that the scheduler delayed passes a retry.
 */
export const TIMING_RETRIES = { retry: 2 } as const;

/**
 * Asserts that `elapsedMs` is within ±20% of `timeoutMs`. Too early fails this try and every
 * retry of the same test (see firedEarly); too late fails this try only.
 *
 * @example
 * expectNearLimit(512, 500); // passes: 400 <= 512 <= 600
 */
export function expectNearLimit(elapsedMs: number, timeoutMs: number): void {
  const test = expect.getState().currentTestName ?? '(outside a test)';
  const shown = `elapsed ${elapsedMs.toFixed(1)} ms vs limit ${timeoutMs} ms`;
  const earliest = timeoutMs * (1 - TOLERANCE);
  const earlierTryWasEarly = firedEarly.has(test);
  if (elapsedMs < earliest) firedEarly.add(test);
  expect(elapsedMs, `${shown}: fired too early`).toBeGreaterThanOrEqual(earliest);
  expect(
    earlierTryWasEarly,
    `${shown}: an earlier try of this test fired before ${earliest} ms, and load cannot make a timeout early, so a retry cannot pass it`,
  ).toBe(false);
  expect(elapsedMs, shown).toBeLessThanOrEqual(timeoutMs * (1 + TOLERANCE));
}

/**
 * Counts this process's active handles by type ('TCPSocketWrap', 'Timeout'...) after one timer
 * tick: a destroyed socket is still listed until then (see perf-reliability notes §4).
 *
 * @example
 * const before = await activeResources(); ...; expect(await activeResources()).toEqual(before);
 */
export async function activeResources(): Promise<Record<string, number>> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

/**
 * The handle kinds whose count grew between two `activeResources()` readings. A test runner's
 * own timers may end in between, so "nothing added" is the honest leak check, not equality.
 *
 * @example
 * expect(addedResources(before, await activeResources())).toEqual({});
 */
export function addedResources(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const added: Record<string, number> = {};
  for (const [kind, count] of Object.entries(after)) {
    const grew = count - (before[kind] ?? 0);
    if (grew > 0) added[kind] = grew;
  }
  return added;
}
