import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { listenBlackhole, listenHttp } from '@netprog/testbed';
import { expectNearLimit, TIMING_RETRIES } from '@netprog/testbed/timing';
import { describe, expect, it, vi } from 'vitest';
import { DeadlineError, startDeadline, withDeadline } from '../src/deadline.ts';

describe('withDeadline', () => {
  it('returns the result when the task finishes in time', async () => {
    await expect(withDeadline(1_000, async () => 'done')).resolves.toBe('done');
  });

  it(
    'rejects with a DeadlineError within ±20% when the task is too slow, and aborts its signal',
    TIMING_RETRIES,
    async () => {
      let seen: AbortSignal | undefined;
      const started = performance.now();
      const error = await withDeadline(
        500,
        (signal) => {
          seen = signal;
          return sleep(5_000, 'late', { signal });
        },
        { what: 'the slow step' },
      ).catch((e: unknown) => e);
      expectNearLimit(performance.now() - started, 500);
      expect(error).toBeInstanceOf(DeadlineError);
      expect(error).toMatchObject({ code: 'ETIMEDOUT', timeoutMs: 500 });
      expect((error as Error).message).toMatch(
        /the slow step did not finish within its 500 ms deadline/,
      );
      expect(seen?.aborted).toBe(true);
    },
  );

  it('settles on time even when the task ignores its signal', TIMING_RETRIES, async () => {
    const started = performance.now();
    await expect(withDeadline(500, () => new Promise(() => {}))).rejects.toBeInstanceOf(
      DeadlineError,
    );
    expectNearLimit(performance.now() - started, 500);
  });

  it(
    'bounds fetch as a whole (connect + headers + body), within ±20%',
    TIMING_RETRIES,
    async () => {
      await using slow = await listenHttp({
        body: 'x'.repeat(100),
        dribble: true,
        dribbleIntervalMs: 20,
      });
      const started = performance.now();
      const error = await withDeadline(500, async (signal) => {
        const response = await fetch(slow.url, { signal });
        return response.text(); // the body dribbles for ~2 s: the deadline cuts it
      }).catch((e: unknown) => e);
      expectNearLimit(performance.now() - started, 500);
      expect(error).toBeInstanceOf(DeadlineError);
    },
  );

  it('passes on the outer signal’s reason when the caller cancels first', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    await expect(
      withDeadline(2_000, (signal) => sleep(5_000, undefined, { signal }), {
        signal: controller.signal,
      }),
    ).rejects.toThrow('user cancelled');
  });

  it('removes every abort listener it adds, so a long-lived outer signal does not pile them up', async () => {
    const added = vi.spyOn(EventTarget.prototype, 'addEventListener');
    const removed = vi.spyOn(EventTarget.prototype, 'removeEventListener');
    try {
      const outer = new AbortController();
      for (let i = 0; i < 20; i++)
        await withDeadline(1_000, async () => i, { signal: outer.signal });
      await withDeadline(1_000, async () => Promise.reject(new Error('task failed'))).catch(
        () => {},
      );
      const aborts = (spy: typeof added) =>
        spy.mock.calls.filter(([type]) => type === 'abort').length;
      expect(aborts(added)).toBe(21);
      expect(aborts(removed)).toBe(21);
    } finally {
      added.mockRestore();
      removed.mockRestore();
    }
  });

  it('rejects a bad limit, naming it', async () => {
    await expect(withDeadline(-1, async () => 1)).rejects.toThrow(/got -1/);
  });
});

describe('startDeadline', () => {
  it('counts down from the budget and never below 0', () => {
    let now = 1_000;
    const deadline = startDeadline(500, () => now);
    expect(deadline.remainingMs()).toBe(500);
    now = 1_300;
    expect(deadline.remainingMs()).toBe(200);
    expect(deadline.expired()).toBe(false);
    now = 2_000;
    expect(deadline.remainingMs()).toBe(0);
    expect(deadline.expired()).toBe(true);
  });
});

describe('Node’s own timeouts, as the chapter describes them', () => {
  it(
    'net.connect({ timeout }) only emits "timeout": the attempt is still alive afterwards',
    TIMING_RETRIES,
    async () => {
      await using hole = await listenBlackhole();
      const started = performance.now();
      const socket = net.connect({ host: hole.host, port: hole.port, timeout: 500 });
      try {
        await new Promise((resolve) => socket.once('timeout', resolve));
        expectNearLimit(performance.now() - started, 500);
        await sleep(100);
        expect(socket.destroyed).toBe(false);
        expect(socket.connecting).toBe(true);
      } finally {
        socket.destroy();
      }
    },
  );

  it(
    'net.connect({ signal: AbortSignal.timeout(ms) }) destroys even a connected socket later',
    TIMING_RETRIES,
    async () => {
      await using target = await listenHttp({ delayMs: 2_000 });
      const started = performance.now();
      const socket = net.connect({
        host: target.host,
        port: target.port,
        signal: AbortSignal.timeout(500),
      });
      const error = new Promise<Error>((resolve) => socket.once('error', resolve));
      await new Promise((resolve) => socket.once('connect', resolve));
      expect(socket.destroyed).toBe(false); // connected in a millisecond or two...
      await new Promise((resolve) => socket.once('close', resolve));
      expectNearLimit(performance.now() - started, 500); // ...and destroyed by the signal at 500 ms
      expect(await error).toMatchObject({ name: 'AbortError', cause: { name: 'TimeoutError' } });
    },
  );
});
