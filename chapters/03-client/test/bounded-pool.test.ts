import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runBounded, WorkQueue } from '../src/bounded-pool.ts';

describe('runBounded', () => {
  it('runs every job and never more than `limit` at once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const done: number[] = [];
    await runBounded(new WorkQueue(Array.from({ length: 50 }, (_, i) => i)), 7, async (n) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(n % 3);
      done.push(n);
      inFlight -= 1;
    });
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(maxInFlight).toBe(7);
  });

  it('takes items a job pushes back (retries)', async () => {
    const queue = new WorkQueue(['a', 'b']);
    const seen: string[] = [];
    await runBounded(queue, 2, async (item) => {
      seen.push(item);
      if (item === 'a') queue.push('a-again');
      await sleep(1);
    });
    expect(seen.sort()).toEqual(['a', 'a-again', 'b']);
  });

  it('rejects with the first error, after the jobs in flight settle', async () => {
    let settled = 0;
    const run = runBounded(new WorkQueue([1, 2, 3, 4, 5, 6]), 3, async (n) => {
      await sleep(n);
      settled += 1;
      if (n === 2) throw new Error('boom 2');
    });
    await expect(run).rejects.toThrow('boom 2');
    expect(settled).toBeLessThan(6);
  });

  it('stops on abort and rejects with the reason', async () => {
    const controller = new AbortController();
    let started = 0;
    const run = runBounded(
      new WorkQueue(Array.from({ length: 100 }, (_, i) => i)),
      2,
      async () => {
        started += 1;
        if (started === 4) controller.abort(new Error('stop'));
        await sleep(1);
      },
      controller.signal,
    );
    await expect(run).rejects.toThrow('stop');
    expect(started).toBeLessThan(10);
  });

  it('refuses a limit below 1', async () => {
    await expect(runBounded(new WorkQueue([1]), 0, async () => {})).rejects.toThrow(RangeError);
  });
});
