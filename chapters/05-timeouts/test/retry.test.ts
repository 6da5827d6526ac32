import { mulberry32 } from '@netprog/testbed';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffSchedule, computeDelay, RetryError, retry } from '../src/retry.ts';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });

describe('computeDelay (pure)', () => {
  const shape = { baseMs: 100, maxMs: 1_000 };

  it('doubles from baseMs and stops at maxMs without jitter', () => {
    expect(backoffSchedule(7, { ...shape, jitter: 'none' })).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('full jitter picks in [0, ceiling), equal jitter in [ceiling/2, ceiling)', () => {
    expect(computeDelay(3, { ...shape, jitter: 'full' }, () => 0)).toBe(0);
    expect(computeDelay(3, { ...shape, jitter: 'full' }, () => 0.5)).toBe(200);
    expect(computeDelay(3, { ...shape, jitter: 'equal' }, () => 0)).toBe(200);
    expect(computeDelay(3, { ...shape, jitter: 'equal' }, () => 0.5)).toBe(300);
    expect(computeDelay(3, { ...shape, jitter: 'equal' }, () => 0.999_999)).toBe(399);
  });

  it('defaults to full jitter', () => {
    expect(computeDelay(2, shape, () => 0.25)).toBe(50);
  });

  it('never exceeds the ceiling and never goes below its floor, whatever the attempt', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.constantFrom('full' as const, 'equal' as const, 'none' as const),
        (attempt, baseMs, extra, r, jitter) => {
          const maxMs = baseMs + extra;
          const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 1023));
          const delay = computeDelay(attempt, { baseMs, maxMs, jitter }, () => r);
          const floor =
            jitter === 'none'
              ? Math.floor(ceiling)
              : jitter === 'equal'
                ? Math.floor(ceiling / 2)
                : 0;
          expect(delay).toBeGreaterThanOrEqual(floor);
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(Number.isInteger(delay)).toBe(true);
        },
      ),
    );
  });

  it('is deterministic for a seeded random source', () => {
    const a = backoffSchedule(6, { ...shape, jitter: 'full' }, mulberry32(7));
    const b = backoffSchedule(6, { ...shape, jitter: 'full' }, mulberry32(7));
    expect(a).toEqual(b);
  });

  it('rejects nonsense with a message naming the value', () => {
    expect(() => computeDelay(0, shape)).toThrow(/attempt must be an integer >= 1, got 0/);
    expect(() => computeDelay(1, { baseMs: 500, maxMs: 100 })).toThrow(/baseMs=500 maxMs=100/);
    expect(() => computeDelay(1, shape, () => 1)).toThrow(/\[0, 1\), got 1/);
  });
});

describe('retry (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits the computed delays between tries and returns the first success', async () => {
    const calls: number[] = [];
    const fn = vi.fn(async (attempt: number) => {
      calls.push(Date.now());
      if (attempt < 4) throw refused();
      return 'connected';
    });
    const start = Date.now();
    const result = retry(fn, { attempts: 5, baseMs: 100, maxMs: 1_000, jitter: 'none' });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe('connected');
    expect(calls.map((t) => t - start)).toEqual([0, 100, 300, 700]);
  });

  it('uses the injected random source for jitter', async () => {
    const calls: number[] = [];
    const start = Date.now();
    const result = retry(
      async () => {
        calls.push(Date.now() - start);
        throw refused();
      },
      { attempts: 3, baseMs: 100, maxMs: 1_000, jitter: 'full', random: () => 0.5 },
    ).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(calls).toEqual([0, 50, 150]);
    expect(await result).toBeInstanceOf(RetryError);
  });

  it('gives up after `attempts` tries with a RetryError whose cause is the last error', async () => {
    const fn = vi.fn(async () => {
      throw refused();
    });
    const result = retry(fn, { attempts: 3, baseMs: 10, maxMs: 100, jitter: 'none' }).catch(
      (e: unknown) => e,
    );
    await vi.runAllTimersAsync();
    const error = (await result) as RetryError;
    expect(fn).toHaveBeenCalledTimes(3);
    expect(error).toBeInstanceOf(RetryError);
    expect(error.reason).toBe('attempts');
    expect(error.attempts).toBe(3);
    expect((error.cause as { code: string }).code).toBe('ECONNREFUSED');
    expect(error.message).toMatch(/after 3 attempt\(s\).*ECONNREFUSED/);
  });

  it('rethrows a non-retryable error at once, without waiting', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND nope.invalid'), {
      code: 'ENOTFOUND',
    });
    const fn = vi.fn(async () => {
      throw notFound;
    });
    await expect(retry(fn, { attempts: 5, baseMs: 100, maxMs: 1_000 })).rejects.toBe(notFound);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('does not start a wait that would end past the deadline', async () => {
    const start = Date.now();
    const fn = vi.fn(async () => {
      throw refused();
    });
    // Tries at 0, 100, 300, 700; the next wait (800 ms) would end at 1500 > 1000.
    const result = retry(fn, {
      attempts: 10,
      baseMs: 100,
      maxMs: 10_000,
      jitter: 'none',
      deadlineMs: 1_000,
    }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const error = (await result) as RetryError;
    expect(fn).toHaveBeenCalledTimes(4);
    expect(error.reason).toBe('deadline');
    expect(error.code).toBe('ETIMEDOUT');
    expect(Date.now() - start).toBe(700);
  });

  it('cuts off a try that hangs at the deadline, and aborts its signal', async () => {
    let seen: AbortSignal | undefined;
    const result = retry(
      (_attempt, signal) => {
        seen = signal;
        return new Promise<never>(() => {}); // a try that never settles
      },
      { attempts: 3, baseMs: 100, maxMs: 1_000, deadlineMs: 500 },
    ).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(499);
    expect(seen?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen?.aborted).toBe(true);
    expect(await result).toMatchObject({ name: 'RetryError', reason: 'deadline' });
  });

  it('leaves no timer behind, whether it succeeds or gives up', async () => {
    await expect(
      retry(async () => 1, { attempts: 2, baseMs: 10, maxMs: 10, deadlineMs: 1_000 }),
    ).resolves.toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    const failing = retry(
      async () => {
        throw refused();
      },
      { attempts: 2, baseMs: 10, maxMs: 10, deadlineMs: 1_000 },
    ).catch(() => {});
    await vi.runAllTimersAsync();
    await failing;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    const result = retry(
      async () => {
        throw refused();
      },
      { attempts: 5, baseMs: 1_000, maxMs: 1_000, jitter: 'none', signal: controller.signal },
    ).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort(new Error('cancelled by user'));
    expect(await result).toMatchObject({ message: 'cancelled by user' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('tells onRetry about each wait', async () => {
    const events: Array<{ attempt: number; delayMs: number }> = [];
    const result = retry(
      async (attempt) => {
        if (attempt < 3) throw refused();
        return 'ok';
      },
      {
        attempts: 3,
        baseMs: 100,
        maxMs: 1_000,
        jitter: 'none',
        onRetry: ({ attempt, delayMs }) => events.push({ attempt, delayMs }),
      },
    );
    await vi.runAllTimersAsync();
    await result;
    expect(events).toEqual([
      { attempt: 1, delayMs: 100 },
      { attempt: 2, delayMs: 200 },
    ]);
  });
});
