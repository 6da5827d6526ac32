import { describe, expect, it } from 'vitest';
import { listenBlackhole } from '../src/index.ts';
import { connectOutcome } from './connect-outcome.ts';
import { handlesSettleTo, openHandles } from './handles.ts';

describe('listenBlackhole', () => {
  it('makes the very first connect hang until the caller gives up (300 ms)', async () => {
    await using hole = await listenBlackhole();
    expect(hole.address).toEqual(['127.0.0.1', hole.port]);
    const started = performance.now();
    expect(await connectOutcome(hole.port, 300)).toBe('timed out');
    const elapsed = performance.now() - started;
    // It ended because OUR timer fired (neither 'connect' nor 'error' came first), so it cannot
    // end early; unloaded it measures 300-302 ms. The upper bound is loose because a timer fires
    // late when a shared 2-core machine is busy (seen: +60 ms at load average 12).
    expect(elapsed).toBeGreaterThanOrEqual(240);
    expect(elapsed).toBeLessThanOrEqual(1_000);
    // And the next one too: the queue never drains.
    expect(await connectOutcome(hole.port, 100)).toBe('timed out');
  });

  // An upper bound, which only load can break (it makes start-up late, never early): two more tries.
  it('starts fast, and close() stops the listener and frees every handle', {
    retry: 2,
  }, async () => {
    const before = await openHandles();
    const started = performance.now();
    const hole = await listenBlackhole();
    try {
      // Typically 50-150 ms (a worker thread's start-up). The bound only catches a regression to
      // seconds: a shared 2-core machine under load can stretch start-up several times over.
      expect(performance.now() - started).toBeLessThan(3_000);
    } finally {
      await Promise.all([hole.close(), hole.close()]); // idempotent
    }
    expect(await connectOutcome(hole.port, 1_000)).toBe('ECONNREFUSED');
    expect(await handlesSettleTo(before)).toEqual(before);
  });
});
