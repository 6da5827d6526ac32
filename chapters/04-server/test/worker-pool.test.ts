import { afterEach, describe, expect, it } from 'vitest';
import type { PrimesResult } from '../src/models/routes.ts';
import { WorkerPool, WorkerPoolError } from '../src/models/worker-pool.ts';

const SCRIPT = new URL('../src/models/primes-worker.mjs', import.meta.url);
let pool: WorkerPool<number, PrimesResult> | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('WorkerPool', () => {
  it('runs tasks on its threads and returns their answers', async () => {
    pool = new WorkerPool(SCRIPT, { size: 2 });
    const results = await Promise.all([100, 1_000, 10_000, 100].map((n) => pool!.run(n)));
    expect(results.map((r) => r.count)).toEqual([25, 168, 1229, 25]);
    expect(new Set(results.map((r) => r.by)).size).toBe(2); // both threads took tasks
  });

  it('refuses a task when every worker is busy and the queue is full', async () => {
    pool = new WorkerPool(SCRIPT, { size: 1, maxQueue: 1 });
    const running = pool.run(300_000);
    const waiting = pool.run(100);
    await expect(pool.run(100)).rejects.toThrow(/all workers busy and 1 tasks waiting/);
    expect((await running).count).toBe(25_997);
    expect((await waiting).count).toBe(25);
  });

  it('abandons a task that runs too long, and replaces its worker', async () => {
    // 1 s: the fresh worker must start (load its modules) and answer within it, on a busy machine.
    pool = new WorkerPool(SCRIPT, { size: 1, taskTimeoutMs: 1_000 });
    const error = await pool.run(50_000_000).catch((e: unknown) => e); // minutes of work
    expect(error).toBeInstanceOf(WorkerPoolError);
    expect(String(error)).toMatch(/still running after 1000 ms/);
    expect((await pool.run(100)).count).toBe(25); // a fresh worker took its place
  });

  it('rejects waiting tasks when it closes', async () => {
    pool = new WorkerPool(SCRIPT, { size: 1 });
    const running = pool.run(2_000_000).catch((e: unknown) => e);
    const waiting = pool.run(100).catch((e: unknown) => e);
    await pool.close();
    expect(String(await running)).toMatch(/closed/);
    expect(String(await waiting)).toMatch(/closed/);
    await expect(pool.run(1)).rejects.toThrow(/closed/);
  });
});
