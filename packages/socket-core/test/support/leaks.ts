// Proof that a test closed everything it opened: after the test the process must hold no more
// sockets, servers, pipes or child processes than before it, and no timer that the code under
// test started may still be pending.
import { afterEach, beforeEach, expect } from 'vitest';

/**
 * The kinds of OS handle a socket test can leak. Timers are not counted here: vitest's own RPC
 * timers come and go while a busy machine answers slowly, so counting every 'Timeout' would
 * flake. Timers are tracked precisely by trackTimers() instead.
 */
const WATCHED = /^(TCP|Pipe|Process|UDP|GetAddrInfo)/;

/** Active handles of the kinds WATCHED, sorted. */
export function activeResources(): string[] {
  return process
    .getActiveResourcesInfo()
    .filter((name) => WATCHED.test(name))
    .sort();
}

/** What `after` holds beyond `before`, counting duplicates (['TCPSocketWrap'] for one socket). */
export function extraResources(before: readonly string[], after: readonly string[]): string[] {
  const remaining = [...before];
  return after.filter((name) => {
    const index = remaining.indexOf(name);
    if (index === -1) return true;
    remaining.splice(index, 1);
    return false;
  });
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
 * expect(pendingTimerCount()).toBe(0);
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
 * Waits one timer tick (closed handles are released by then) and asserts that no handle is open
 * that was not open before, and that no tracked timer is still pending.
 *
 * @example
 * const before = activeResources();
 * // ... test ...
 * await expectNoLeaks(before);
 */
export async function expectNoLeaks(before: readonly string[]): Promise<void> {
  await new Promise((resolve) => realSetTimeout(resolve, 0));
  expect(extraResources(before, activeResources())).toEqual([]);
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
