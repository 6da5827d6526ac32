// Graded tests for exercise 1 (connectWithTimeout). Do not edit: lab.json holds this file's hash.
// The first group runs side by side (describe.concurrent), each test with its own fixtures; the
// second counts the process's open sockets and timers, so its tests run alone.
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

/** The listeners connectWithTimeout may add while connecting, and must remove when it settles. */
const OWN_EVENTS = ['connect', 'error', 'timeout'] as const;
const listenersLeft = (socket: net.Socket) =>
  OWN_EVENTS.filter((event) => socket.listenerCount(event) > 0).map(
    (event) => `${socket.listenerCount(event)} '${event}'`,
  );

// Short enough for a re-grade under a second, long enough that ±20% (50 ms) is far above a
// loopback connect's time; a try that a busy machine made late is tried again (TIMING_RETRIES).
const LIMIT_MS = 250;

describe.concurrent('connectWithTimeout', () => {
  it('resolves with a connected socket that works, and takes its listeners back', async ({
    expect,
  }) => {
    await using echo = await listenEcho();
    const socket = await connectWithTimeout(echo.host, echo.port, 1_000);
    try {
      expect(socket.remotePort).toBe(echo.port);
      expect(listenersLeft(socket), 'listeners still on the connected socket').toEqual([]);
      const reply = within(once(socket, 'data'), 2_000, "the echo's reply to ping");
      socket.write('ping');
      expect(String((await reply)[0])).toBe('ping');
    } finally {
      socket.destroy();
    }
  });

  it(
    'rejects with code ETIMEDOUT within ±20% of the limit when nobody answers, naming the address and the limit',
    TIMING_RETRIES,
    async ({ expect }) => {
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
      expect(error, "like Node's own connect errors").toMatchObject({
        code: 'ETIMEDOUT',
        syscall: 'connect',
      });
      const { message } = error as Error;
      expect(message, 'the message should name the port').toContain(String(hole.port));
      expect(message, 'the message should name the limit').toContain(String(LIMIT_MS));
      expectNearLimit(elapsed, LIMIT_MS, 'rejected', expect);
    },
  );

  // A busy machine can hold the connect back past the 150 ms limit, which fails a right
  // connect: such a try is tried again. Something left armed fails every try.
  it(
    'leaves nothing armed after connecting: the socket survives past the limit',
    TIMING_RETRIES,
    async ({ expect }) => {
      await using echo = await listenEcho();
      const socket = await connectWithTimeout(echo.host, echo.port, 150);
      try {
        // A leftover timer, signal or idle timeout was armed (or last restarted) by the time the
        // connect resolved, so it fires before this wait ends, however late the machine runs.
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(socket.destroyed, 'destroyed 200 ms after connecting, with a 150 ms limit').toBe(
          false,
        );
        const reply = within(once(socket, 'data'), 2_000, "the echo's reply after the limit");
        socket.write('still here');
        expect(String((await reply)[0])).toBe('still here');
      } finally {
        socket.destroy();
      }
    },
  );
});

describe('connectWithTimeout, alone (it counts open sockets and timers)', () => {
  it('leaves no socket and no timer behind after a timeout', async () => {
    await using hole = await listenBlackhole();
    const before = await activeResourcesAfterTick();
    const created = watchSockets();
    await expect(connectWithTimeout(hole.host, hole.port, 100)).rejects.toMatchObject({
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
      expect(performance.now() - started, 'ms until the refusal came through').toBeLessThan(1_000);
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

  it('clears its timer as soon as it has connected', async () => {
    await using echo = await listenEcho();
    const before = await activeResourcesAfterTick();
    const socket = await connectWithTimeout(echo.host, echo.port, 5_000);
    try {
      const after = await activeResourcesAfterTick();
      expect(
        added(before, after, 'Timeout'),
        'a timer is still armed after connecting (it would destroy the socket 5 s later)',
      ).toEqual([]);
    } finally {
      socket.destroy();
    }
  });
});
