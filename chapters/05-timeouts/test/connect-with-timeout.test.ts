import { once } from 'node:events';
import { closedPort, listenBlackhole, listenEcho } from '@netprog/testbed/fixtures';
import { activeResourcesAfterTick, addedResources } from '@netprog/testbed/leak-check';
import { expectNearLimit, TIMING_RETRIES, within } from '@netprog/testbed/timing';
import { describe, expect, it } from 'vitest';
import { connectWithTimeout } from '../src/connect-with-timeout.ts';

describe('connectWithTimeout', () => {
  it('connects to a listening port and hands back a usable socket', async () => {
    await using echo = await listenEcho();
    const socket = await connectWithTimeout(echo.address, 1_000);
    try {
      expect(socket.remotePort).toBe(echo.port);
      socket.write('ping');
      const [reply] = await within(once(socket, 'data'), 2_000, "the echo's reply");
      expect(String(reply)).toBe('ping');
    } finally {
      socket.destroy();
    }
  });

  it(
    'fails with ETIMEDOUT within ±20% of the limit against a port that never answers',
    TIMING_RETRIES,
    async () => {
      await using hole = await listenBlackhole();
      const started = performance.now();
      const error = await connectWithTimeout(hole.address, 500).catch((e: unknown) => e);
      expectNearLimit(performance.now() - started, 500);
      expect(error).toMatchObject({
        code: 'ETIMEDOUT',
        syscall: 'connect',
        address: '127.0.0.1',
        port: hole.port,
        timeoutMs: 500,
      });
      expect((error as Error).message).toContain('500 ms');
    },
  );

  it('leaves no socket or timer behind after a timeout', async () => {
    await using hole = await listenBlackhole();
    // Timers included: the attempt's own timer must be cleared, not only its socket closed.
    const before = await activeResourcesAfterTick();
    await expect(connectWithTimeout(hole.address, 200)).rejects.toMatchObject({
      code: 'ETIMEDOUT',
    });
    expect(addedResources(before, await activeResourcesAfterTick())).toEqual([]);
  });

  it('reports a refusal at once, not as a timeout', TIMING_RETRIES, async () => {
    const closed = await closedPort();
    const started = performance.now();
    await expect(connectWithTimeout(closed.address, 2_000)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('stops when the caller aborts, with the caller’s reason', async () => {
    await using hole = await listenBlackhole();
    const before = await activeResourcesAfterTick();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user pressed Ctrl-C')), 100);
    await expect(
      connectWithTimeout(hole.address, 2_000, { signal: controller.signal }),
    ).rejects.toThrow('user pressed Ctrl-C');
    expect(addedResources(before, await activeResourcesAfterTick())).toEqual([]);
  });

  it('does not destroy the connection later: the timer only covers connecting', async () => {
    await using echo = await listenEcho();
    const socket = await connectWithTimeout(echo.address, 100);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(socket.destroyed).toBe(false);
    socket.destroy();
  });

  it('rejects a limit that is not a positive number, saying which value', async () => {
    await expect(connectWithTimeout(['127.0.0.1', 1], 0)).rejects.toThrow(/got 0/);
    await expect(connectWithTimeout(['127.0.0.1', 1], Number.NaN)).rejects.toThrow(/got NaN/);
  });
});
