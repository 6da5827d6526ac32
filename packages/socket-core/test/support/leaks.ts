// Proof that each test closed everything it opened, one test at a time. Every test FILE is
// already checked by the repo's shared leak check (testbed's leak-check, loaded by
// @netprog/testbed/vitest); socket-core's tests check each test as well, so a leak names its test, and
// they also watch the timers socket-core starts (a timeout's timer must always be cleared).
import {
  activeResourcesAfterTick,
  addedResources,
  watchedResources,
} from '@netprog/testbed/leak-check';
import { afterEach, beforeEach, expect } from 'vitest';

/**
 * The open handles a test can leak (sockets, servers, pipes, child processes, lookups), sorted.
 * Timers are tracked precisely by trackTimers() instead: vitest's own come and go.
 *
 * @example
 * const before = activeResources();
 */
export function activeResources(): string[] {
  return watchedResources(process.getActiveResourcesInfo());
}

const pendingTimers = new Map<NodeJS.Timeout, string>();
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/**
 * Replaces the global setTimeout/clearTimeout with versions that remember which timers are
 * pending, and returns a function that restores the originals. Vitest keeps its own references
 * to the real timers, so only timers started by the test and the code under test are seen.
 *
 * @example
 * const restore = trackTimers();
 * // ... test ...
 * restore();
 */
export function trackTimers(): () => void {
  pendingTimers.clear();
  const tracked = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = realSetTimeout(() => {
      pendingTimers.delete(timer);
      callback(...args);
    }, ms);
    pendingTimers.set(timer, `${ms ?? 0} ms timer`);
    return timer;
  };
  globalThis.setTimeout = tracked as typeof setTimeout;
  globalThis.clearTimeout = ((timer?: NodeJS.Timeout | string | number) => {
    if (timer !== undefined && typeof timer === 'object') pendingTimers.delete(timer);
    realClearTimeout(timer);
  }) as typeof clearTimeout;
  return () => {
    globalThis.setTimeout = realSetTimeout;
    globalThis.clearTimeout = realClearTimeout;
  };
}

/**
 * Waits until the event loop has passed its close callbacks (closed handles are released by then;
 * one timer tick is not always enough, see testbed's after-tick.ts) and asserts that no handle
 * is open that was not open before, and that no tracked timer is still pending.
 *
 * @example
 * const before = activeResources();
 * // ... test ...
 * await expectNoLeaks(before);
 */
export async function expectNoLeaks(before: readonly string[]): Promise<void> {
  const after = watchedResources(await activeResourcesAfterTick());
  expect(addedResources(before, after)).toEqual([]);
  expect([...pendingTimers.values()]).toEqual([]);
}

/**
 * Registers the leak check around every test of the calling file: handles and timers are
 * recorded before each test and checked after it (after the test's own cleanup has run).
 *
 * @example
 * checkLeaksAfterEachTest(); // at the top level of a test file
 */
export function checkLeaksAfterEachTest(): void {
  let before: string[] = [];
  let restoreTimers = (): void => {};
  beforeEach(() => {
    before = activeResources();
    restoreTimers = trackTimers();
  });
  afterEach(async () => {
    try {
      await expectNoLeaks(before);
    } finally {
      restoreTimers();
    }
  });
}
