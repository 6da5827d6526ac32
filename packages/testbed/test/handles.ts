// Per-test leak checks for the fixtures' own tests: "after close(), nothing of mine is open".
// The repo's shared leak check (src/leak-check, loaded by src/vitest/) checks each whole
// test file; these helpers check one fixture at a time, with the same notion of a handle.
import { activeResourcesAfterTick, watchedResources } from '../src/leak-check/index.ts';

/** The open handles a fixture can leak (sockets, servers, pipes, child processes), sorted. */
function snapshot(): string[] {
  return watchedResources(process.getActiveResourcesInfo());
}

/**
 * Resolves with the open handles once they match `expected`, or with what is still open after
 * `withinMs`. A closed server is still listed for a moment after its 'close' event (libuv frees
 * the handle in a later loop phase; under load that can take more than one timer tick), so the
 * check polls briefly; a real leak never goes away and still fails the comparison.
 */
export async function handlesSettleTo(expected: string[], withinMs = 500): Promise<string[]> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const now = snapshot();
    if (now.join() === expected.join() || performance.now() > deadline) return now;
  }
}

/** The open handles now (after one timer tick), to compare with later. */
export async function openHandles(): Promise<string[]> {
  return watchedResources(await activeResourcesAfterTick());
}
