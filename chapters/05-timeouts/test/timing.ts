// Shared checks for the chapter's tests: "fired within ±20% of its limit" and "left nothing open".
import { expect } from 'vitest';

/** The tolerance the chapter promises: every timeout fires within ±20% of its limit on loopback. */
export const TOLERANCE = 0.2;

/**
 * Asserts that `elapsedMs` is within ±20% of `timeoutMs`.
 *
 * @example
 * expectNearLimit(512, 500); // passes: 400 <= 512 <= 600
 */
export function expectNearLimit(elapsedMs: number, timeoutMs: number): void {
  expect(
    elapsedMs,
    `elapsed ${elapsedMs.toFixed(1)} ms vs limit ${timeoutMs} ms`,
  ).toBeGreaterThanOrEqual(timeoutMs * (1 - TOLERANCE));
  expect(
    elapsedMs,
    `elapsed ${elapsedMs.toFixed(1)} ms vs limit ${timeoutMs} ms`,
  ).toBeLessThanOrEqual(timeoutMs * (1 + TOLERANCE));
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
