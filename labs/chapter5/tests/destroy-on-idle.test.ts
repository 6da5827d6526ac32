// Graded tests for exercise 2 (destroyOnIdle). Do not edit: lab.json holds this file's hash.
// The tests run side by side (describe.concurrent), each on its own connection. The limits are
// a few hundred ms, so that a re-grade takes under a second; every activity the tests make comes
// at least 140 ms before an idle limit, far more than a busy machine delays a timer.
import type net from 'node:net';
import { connectTcp, listenHttp, listenRecorder } from '@netprog/testbed/fixtures';
import { expectNearLimit, TIMING_RETRIES } from '@netprog/testbed/timing';
import { describe, it } from 'vitest';
import { destroyOnIdle } from '../exercises/destroy-on-idle.ts';

interface Connection {
  socket: net.Socket;
  /** Every 'error' the socket emitted: what destroyed it. */
  errors: Error[];
  /** Resolves with 'close''s hadError. */
  closed: Promise<boolean>;
}

/** Runs `test` on a connected plain socket (bounded connect), and always destroys it. */
async function withConnection(port: number, test: (c: Connection) => Promise<void>) {
  const socket = await connectTcp(port);
  try {
    const errors: Error[] = [];
    socket.on('error', (error) => errors.push(error));
    const closed = new Promise<boolean>((resolve) => socket.once('close', resolve));
    await test({ socket, errors, closed });
  } finally {
    socket.destroy();
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.concurrent('destroyOnIdle', () => {
  it(
    'destroys a silent connection with ETIMEDOUT within ±20% of the idle limit, and says why',
    TIMING_RETRIES,
    async ({ expect }) => {
      await using silent = await listenRecorder();
      await withConnection(silent.port, async ({ socket, errors, closed }) => {
        const started = performance.now();
        destroyOnIdle(socket, 400);
        const hadError = await closed;
        const elapsed = performance.now() - started;
        expect(hadError, "'close' reports hadError").toBe(true);
        expect(socket.destroyed).toBe(true);
        expect(errors[0], 'the error that destroyed the socket').toMatchObject({
          code: 'ETIMEDOUT',
        });
        expect(errors[0]?.message, 'the message should name the idle limit').toContain('400');
        expectNearLimit(elapsed, 400, 'closed', expect);
      });
    },
  );

  it(
    'bytes sent restart the countdown; silence after them still ends the connection',
    TIMING_RETRIES,
    async ({ expect }) => {
      await using recorder = await listenRecorder();
      await withConnection(recorder.port, async ({ socket, errors, closed }) => {
        destroyOnIdle(socket, 200);
        // One byte every 60 ms for 300 ms: never 200 ms without activity.
        for (let i = 0; i < 5; i++) {
          socket.write('x');
          await pause(60);
        }
        expect(socket.destroyed, 'destroyed while this side kept writing').toBe(false);
        const quietFrom = performance.now();
        await closed;
        const elapsed = performance.now() - quietFrom;
        expect(errors[0]).toMatchObject({ code: 'ETIMEDOUT' });
        // The last write was ~60 ms before quietFrom, so the countdown ends ~140 ms after it; the
        // bound only says that it ends, with room for a busy machine.
        expect(
          elapsed,
          `closed ${elapsed.toFixed(0)} ms after the writes stopped`,
        ).toBeLessThanOrEqual(500);
      });
    },
  );

  it('bytes received restart it too', TIMING_RETRIES, async ({ expect }) => {
    // Answers the request with 6 bytes, one every 50 ms.
    await using trickle = await listenHttp({
      rawResponse: 'xxxxxx',
      dribble: true,
      dribbleIntervalMs: 50,
    });
    await withConnection(trickle.port, async ({ socket, errors, closed }) => {
      let received = 0;
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      destroyOnIdle(socket, 200);
      await closed;
      // The server ends the connection after its last byte: a clean close, no timeout.
      expect(
        errors,
        `destroyed after ${received} of 6 bytes, although one arrived every 50 ms`,
      ).toEqual([]);
      expect(received).toBe(6);
    });
  });

  it(
    "calling it again replaces the timeout: one 'timeout' listener of its own, the new limit wins",
    TIMING_RETRIES,
    async ({ expect }) => {
      await using silent = await listenRecorder();
      await withConnection(silent.port, async ({ socket, errors, closed }) => {
        let theirs = 0;
        socket.on('timeout', () => theirs++); // the caller's own listener must stay
        const listenersBefore = socket.listenerCount('timeout');
        destroyOnIdle(socket, 2_000);
        destroyOnIdle(socket, 200);
        expect(socket.listenerCount('timeout'), "'timeout' listeners after two calls").toBe(
          listenersBefore + 1,
        );
        const started = performance.now();
        await closed;
        const elapsed = performance.now() - started;
        expect(errors).toHaveLength(1);
        // Far below the first call's 2,000 ms, with room for a busy machine.
        expect(elapsed, 'the second call (200 ms) should win').toBeLessThanOrEqual(600);
        expect(theirs, "the caller's own 'timeout' listener ran").toBe(1);
      });
    },
  );

  it('0 turns it off, and arming it again works', TIMING_RETRIES, async ({ expect }) => {
    await using silent = await listenRecorder();
    await withConnection(silent.port, async ({ socket, errors, closed }) => {
      const listenersBefore = socket.listenerCount('timeout');
      destroyOnIdle(socket, 100);
      destroyOnIdle(socket, 0);
      expect(
        socket.listenerCount('timeout'),
        "'timeout' listeners after turning it off (one left behind would destroy the socket as soon as anyone calls socket.setTimeout)",
      ).toBe(listenersBefore);
      // The 100 ms timer was armed before this pause, so one left running fires within it.
      await pause(150);
      expect(socket.destroyed, 'destroyed although the timeout was turned off').toBe(false);
      const started = performance.now();
      destroyOnIdle(socket, 300);
      await closed;
      const elapsed = performance.now() - started;
      expect(errors[0]).toMatchObject({ code: 'ETIMEDOUT' });
      expectNearLimit(elapsed, 300, 'closed', expect);
    });
  });
});
