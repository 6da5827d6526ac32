// Graded tests for exercise 1 (connectWithTimeout). Do not edit: lab.json holds this file's hash.
import { once } from 'node:events';
import net from 'node:net';
import { closedPort, listenBlackhole, listenEcho } from '@netprog/testbed/fixtures';
import { activeResourcesAfterTick, addedResources } from '@netprog/testbed/leak-check';
import { expectNearLimit, TIMING_RETRIES, within } from '@netprog/testbed/timing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectWithTimeout } from '../exercises/connect-with-timeout.ts';

/**
 * The `kind` of handle ('TCPSocketWrap', 'Timeout') that is open in `after` beyond `before`.
 * Not equality: timers of the test runner itself may end meanwhile, but a socket or timer the
 * attempt left behind would show here.
 */
function added(before: string[], after: string[], kind: string): string[] {
  return addedResources(before, after).filter((name) => name === kind);
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
      const reply = within(once(socket, 'data'), 2_000, "the echo's reply to ping");
      socket.write('ping');
      expect(String((await reply)[0])).toBe('ping');
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
    const before = await activeResourcesAfterTick();
    const created = watchSockets();
    await expect(connectWithTimeout(hole.host, hole.port, 300)).rejects.toMatchObject({
      code: 'ETIMEDOUT',
    });
    const after = await activeResourcesAfterTick();
    expect(created().length, 'connectWithTimeout should create one socket').toBeGreaterThan(0);
    for (const socket of created())
      expect(socket.destroyed, 'the timed-out socket must be destroyed').toBe(true);
    expect(
      added(before, after, 'TCPSocketWrap'),
      'a socket is still open after the timeout',
    ).toEqual([]);
    expect(added(before, after, 'Timeout'), 'a timer is still armed after the timeout').toEqual([]);
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
      const before = await activeResourcesAfterTick();
      const started = performance.now();
      await expect(connectWithTimeout(closed.host, closed.port, 2_000)).rejects.toMatchObject({
        code: 'ECONNREFUSED',
      });
      expect(performance.now() - started).toBeLessThan(500);
      const after = await activeResourcesAfterTick();
      expect(added(before, after, 'Timeout'), 'a timer is still armed after the refusal').toEqual(
        [],
      );
      expect(
        added(before, after, 'TCPSocketWrap'),
        'a socket is still open after the refusal',
      ).toEqual([]);
    },
  );

  it('leaves nothing armed after connecting: the socket survives past the limit', async () => {
    await using echo = await listenEcho();
    const socket = await connectWithTimeout(echo.host, echo.port, 200);
    try {
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(socket.destroyed).toBe(false);
      const reply = within(once(socket, 'data'), 2_000, "the echo's reply after the limit");
      socket.write('still here');
      expect(String((await reply)[0])).toBe('still here');
    } finally {
      socket.destroy();
    }
  });
});
