// Graded tests for exercise 1 (connectWithTimeout). Do not edit: lab.json holds this file's hash.
import net from 'node:net';
import { closedPort, listenBlackhole, listenEcho } from '@netprog/testbed';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectWithTimeout } from '../exercises/connect-with-timeout.ts';
import { expectNearLimit, TIMING_RETRIES } from './timing.ts';

/** Open handles by type, after one timer tick (a destroyed socket is listed until then). */
async function handles(): Promise<Record<string, number>> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

/** Records every socket that starts connecting (whichever way the code under test creates it). */
function watchSockets(): () => net.Socket[] {
  const spy = vi.spyOn(net.Socket.prototype, 'connect');
  return () => spy.mock.contexts as net.Socket[];
}
afterEach(() => {
  vi.restoreAllMocks();
});

const LIMIT_MS = 500;

describe('connectWithTimeout', () => {
  it('resolves with a connected socket that works', async () => {
    await using echo = await listenEcho();
    const socket = await connectWithTimeout(echo.host, echo.port, 1_000);
    try {
      expect(socket.remotePort).toBe(echo.port);
      const reply = new Promise<Buffer>((resolve) => socket.once('data', resolve));
      socket.write('ping');
      expect(String(await reply)).toBe('ping');
    } finally {
      socket.destroy();
    }
  });

  it(
    'rejects with code ETIMEDOUT within ±20% of the limit when nobody answers',
    TIMING_RETRIES,
    async () => {
      await using hole = await listenBlackhole();
      const started = performance.now();
      const error = await connectWithTimeout(hole.host, hole.port, LIMIT_MS).then(
        (socket) => {
          socket.destroy();
          return new Error('it resolved, but the blackhole never accepts');
        },
        (e: unknown) => e,
      );
      const elapsed = performance.now() - started;
      expect(error).toMatchObject({ code: 'ETIMEDOUT' });
      expectNearLimit(elapsed, LIMIT_MS, 'rejected');
    },
  );

  it('leaves no socket and no timer behind after a timeout', async () => {
    await using hole = await listenBlackhole();
    const before = await handles();
    const created = watchSockets();
    await expect(connectWithTimeout(hole.host, hole.port, 300)).rejects.toMatchObject({
      code: 'ETIMEDOUT',
    });
    const after = await handles();
    expect(created().length, 'connectWithTimeout should create one socket').toBeGreaterThan(0);
    for (const socket of created())
      expect(socket.destroyed, 'the timed-out socket must be destroyed').toBe(true);
    // At most as many as before: timers of the test runner itself may end meanwhile, but any
    // socket or timer the attempt left behind would push the count above what it was.
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
  });

  it('says what timed out: the message names the address and the limit', async () => {
    await using hole = await listenBlackhole();
    const error = (await connectWithTimeout(hole.host, hole.port, 300).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error.message).toContain(String(hole.port));
    expect(error.message).toContain('300');
  });

  it(
    'passes a refusal through at once, not as a timeout, and clears its timer',
    TIMING_RETRIES,
    async () => {
      const closed = await closedPort();
      const before = await handles();
      const started = performance.now();
      await expect(connectWithTimeout(closed.host, closed.port, 2_000)).rejects.toMatchObject({
        code: 'ECONNREFUSED',
      });
      expect(performance.now() - started).toBeLessThan(500);
      const after = await handles();
      expect(after.Timeout ?? 0, 'a timer is still armed after the refusal').toBeLessThanOrEqual(
        before.Timeout ?? 0,
      );
      expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
    },
  );

  it('leaves nothing armed after connecting: the socket survives past the limit', async () => {
    await using echo = await listenEcho();
    const socket = await connectWithTimeout(echo.host, echo.port, 200);
    try {
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(socket.destroyed).toBe(false);
      const reply = new Promise<Buffer>((resolve) => socket.once('data', resolve));
      socket.write('still here');
      expect(String(await reply)).toBe('still here');
    } finally {
      socket.destroy();
    }
  });
});
