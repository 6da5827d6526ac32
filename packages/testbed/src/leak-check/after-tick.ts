// A reading of what is open that a test can compare with a later one. A destroyed socket is still
// listed until its close callback has run, which happens before the next timer tick.

// Captured when this module loads, so a test using fake timers (vi.useFakeTimers) or tracking
// its own timers cannot stop the wait or be counted by it.
const realSetTimeout = globalThis.setTimeout;

/**
 * process.getActiveResourcesInfo() after one timer tick, sorted, timers ('Timeout') included: for
 * a test that checks that the code under test cleared its timer as well as closed its socket.
 * Compare two readings with addedResources (nothing added), not equality: the test runner's own
 * timers may end in between. The whole-file leak check (setup.ts) watches sockets, servers and
 * processes only, since it cannot tell a test's timers from the runner's.
 *
 * @example
 * const before = await activeResourcesAfterTick();
 * await expect(connectWithTimeout(hole.address, 200)).rejects.toThrow();
 * expect(addedResources(before, await activeResourcesAfterTick())).toEqual([]);
 */
export async function activeResourcesAfterTick(): Promise<string[]> {
  await new Promise((resolve) => realSetTimeout(resolve, 0));
  return process.getActiveResourcesInfo().sort();
}
