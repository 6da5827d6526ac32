// A reading of what is open that a test can compare with a later one. A closed socket or server
// is still listed until libuv has run its close callback, in the "close callbacks" phase at the
// end of the event loop iteration in which it was closed.
//
// Waiting for one timer tick is not enough to get past that phase. A test often continues from
// a timer callback, i.e. inside the timers phase, and Node runs a new timer in that same phase
// when its 1 ms has already passed, which on a busy machine it often has: the reading then comes
// before the close callbacks, and a closed server still shows (seen in CI). Two setImmediate
// hops cannot do that: the first runs in this iteration's check phase at the earliest, the
// second in the next iteration's, and the close callbacks phase lies between them.

// Captured when this module loads, so a test using fake timers (vi.useFakeTimers) cannot stop
// the wait.
const realSetImmediate = globalThis.setImmediate;
const nextCheckPhase = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

/**
 * process.getActiveResourcesInfo() once the event loop has passed its close callbacks, sorted,
 * timers ('Timeout') and immediates included: for
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
  await nextCheckPhase();
  await nextCheckPhase();
  return process.getActiveResourcesInfo().sort();
}
