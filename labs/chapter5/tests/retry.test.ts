// Graded tests for exercise 6 (retry). Do not edit: lab.json holds this file's hash.
// They run on vitest's fake timers: no real waiting, and the same result on every run.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { retry } from '../exercises/retry.ts';

const refused = (n = 0) =>
  Object.assign(new Error(`connect ECONNREFUSED (try ${n})`), { code: 'ECONNREFUSED' });

/** A function that fails `failures` times (recording when each call happened), then resolves. */
function flaky(failures: number, calls: number[], start: number) {
  return vi.fn(async (attempt: number) => {
    calls.push(Date.now() - start);
    if (attempt <= failures) throw refused(attempt);
    return `ok on try ${attempt}`;
  });
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('retry', () => {
  it('waits the jittered exponential delays, capped at maxMs, and resolves with the first success', async () => {
    const calls: number[] = [];
    const fn = flaky(6, calls, Date.now());
    const random = vi.fn(() => 0.5);
    const result = retry(fn, { attempts: 8, baseMs: 100, maxMs: 1_000, random });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('ok on try 7');
    // waits: 0.5 × 100, 200, 400, 800, then the cap: 1,000, 1,000
    expect(calls, 'when each try started (ms)').toEqual([0, 50, 150, 350, 750, 1250, 1750]);
    expect(fn.mock.calls.map(([attempt]) => attempt)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(random, 'random() is called once per wait').toHaveBeenCalledTimes(6);
  });

  it('waits with timers: the next try happens only when the wait is over', async () => {
    const calls: number[] = [];
    const result = retry(flaky(1, calls, Date.now()), {
      attempts: 3,
      baseMs: 400,
      maxMs: 1_000,
      random: () => 0.5,
    });
    await vi.advanceTimersByTimeAsync(199);
    expect(calls).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([0, 200]);
    await expect(result).resolves.toBe('ok on try 2');
  });

  it('tries once, and waits for nothing, when attempts is 1', async () => {
    const failure = refused(1);
    const random = vi.fn(() => 0.5);
    const fn = vi.fn(async () => {
      throw failure;
    });
    const result = retry(fn, { attempts: 1, baseMs: 100, maxMs: 1_000, random }).catch(
      (e: unknown) => e,
    );
    await vi.runAllTimersAsync();
    expect(fn, 'calls of fn').toHaveBeenCalledTimes(1);
    expect(await result).toBe(failure);
    expect(random, 'no wait, so no random()').not.toHaveBeenCalled();
    expect(vi.getTimerCount(), 'timers left').toBe(0);
  });

  it('gives up after `attempts` tries with the LAST error', async () => {
    const errors = [refused(1), refused(2), refused(3)];
    const fn = vi.fn(async (attempt: number) => {
      throw errors[attempt - 1];
    });
    const result = retry(fn, { attempts: 3, baseMs: 100, maxMs: 1_000, random: () => 0.5 }).catch(
      (e: unknown) => e,
    );
    await vi.runAllTimersAsync();
    expect(await result).toBe(errors[2]);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('rejects at once with an error that is not retryable', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    const fn = vi.fn(async () => {
      throw notFound;
    });
    const result = retry(fn, {
      attempts: 5,
      baseMs: 100,
      maxMs: 1_000,
      isRetryable: (error) => (error as { code?: string }).code !== 'ENOTFOUND',
    }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    expect(await result).toBe(notFound);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never starts a wait that would end past the deadline', async () => {
    const calls: number[] = [];
    const start = Date.now();
    const fn = flaky(100, calls, start);
    const result = retry(fn, {
      attempts: 20,
      baseMs: 100,
      maxMs: 10_000,
      deadlineMs: 500,
      random: () => 0.5,
    }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    // tries at 0, 50, 150, 350; the next wait (400 ms) would end at 750 > 500: give up at 350.
    expect(calls).toEqual([0, 50, 150, 350]);
    expect(await result).toMatchObject({ message: 'connect ECONNREFUSED (try 4)' });
    expect(Date.now() - start).toBe(350);
  });

  it('starts a wait that ends exactly at the deadline', async () => {
    const calls: number[] = [];
    const result = retry(flaky(100, calls, Date.now()), {
      attempts: 20,
      baseMs: 100,
      maxMs: 10_000,
      deadlineMs: 350,
      random: () => 0.5,
    }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    // tries at 0, 50, 150; the wait after try 3 (200 ms) ends at 350 = the deadline: allowed.
    expect(calls, 'when each try started (ms)').toEqual([0, 50, 150, 350]);
    expect(await result).toMatchObject({ message: 'connect ECONNREFUSED (try 4)' });
  });

  it('counts the deadline from the call, including the time the tries take', async () => {
    const calls: number[] = [];
    const start = Date.now();
    // Every try takes 100 ms to fail.
    const fn = vi.fn(async (attempt: number) => {
      calls.push(Date.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw refused(attempt);
    });
    const result = retry(fn, {
      attempts: 20,
      baseMs: 100,
      maxMs: 10_000,
      deadlineMs: 600,
      random: () => 0.5,
    }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    // try 1: 0-100, wait 50; try 2: 150-250, wait 100; try 3: 350-450; a 200 ms wait would end
    // at 650 > 600: give up at 450.
    expect(calls, 'when each try started (ms)').toEqual([0, 150, 350]);
    expect(await result).toMatchObject({ message: 'connect ECONNREFUSED (try 3)' });
    expect(Date.now() - start, 'ms until it gave up').toBe(450);
  });

  it('keeps a zero base at zero, even after a thousand failures (0 × 2^1024 is NaN)', async () => {
    // Every try takes 1 ms to fail and there is no wait between tries, so the deadline (1,050 ms)
    // ends it after try 1,051. A NaN wait would make every deadline comparison false: it would
    // never give up.
    const start = Date.now();
    const fn = vi.fn(async (attempt: number) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      throw refused(attempt);
    });
    const result = retry(fn, {
      attempts: 2_000,
      baseMs: 0,
      maxMs: 1_000,
      deadlineMs: 1_050,
      random: () => 0.5,
    }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(await result).toMatchObject({ message: 'connect ECONNREFUSED (try 1051)' });
    expect(Date.now() - start, 'ms until it gave up').toBe(1_051);
  });

  it('uses Math.random by default, once per wait', async () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.25);
    const calls: number[] = [];
    const result = retry(flaky(2, calls, Date.now()), { attempts: 5, baseMs: 200, maxMs: 1_000 });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('ok on try 3');
    expect(calls).toEqual([0, 50, 150]);
    expect(random).toHaveBeenCalledTimes(2);
  });

  it('retries every error by default, and leaves no timer behind', async () => {
    const fn = vi.fn(async (attempt: number) => {
      if (attempt < 3) throw new Error('some failure without a code');
      return 'done';
    });
    const result = retry(fn, { attempts: 3, baseMs: 10, maxMs: 100, random: () => 0.9 });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('done');
    expect(vi.getTimerCount()).toBe(0);
  });
});
