// The grader's own clock, timers and resource list inside a test process, taken when
// worker-setup.ts (the first setup file) loads: before any exercise code. Exercise code may
// replace Date.now (`Date.now = () => 0`), the global timers or process.getActiveResourcesInfo;
// the heartbeat and the leak check must not believe it (a frozen Date.now once made the watchdog
// see a process that never ticked, and score a working exercise 0 for an "infinite loop").

/** The functions as they were before any exercise code ran. */
export const graderClock = Object.freeze({
  now: Date.now,
  setTimeout: globalThis.setTimeout,
  setInterval: globalThis.setInterval,
  activeResources: process.getActiveResourcesInfo.bind(process),
});

/**
 * Resolves after `ms` on the grader's own timer.
 * @example
 * await sleep(10);
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => graderClock.setTimeout(resolve, ms));
}
