// Graded tests for exercise 2 (destroyOnIdle). Do not edit: lab.json holds this file's hash.
import type net from 'node:net';
import { clientSockets, listenRecorder } from '@netprog/testbed/fixtures';
import { expectNearLimit, TIMING_RETRIES } from '@netprog/testbed/timing';
import { afterEach, describe, expect, it } from 'vitest';
import { destroyOnIdle } from '../exercises/destroy-on-idle.ts';

const clients = clientSockets();
afterEach(() => clients.destroyAll());

/** A connected plain socket (bounded connect), with an 'error' recorder so a test can read what destroyed it. */
async function connect(
  port: number,
): Promise<{ socket: net.Socket; errors: Error[]; closed: Promise<boolean> }> {
  const socket = await clients.connect(port);
  const errors: Error[] = [];
  socket.on('error', (error) => errors.push(error));
  const closed = new Promise<boolean>((resolve) => socket.once('close', resolve));
  return { socket, errors, closed };
}

describe('destroyOnIdle', () => {
  it(
    'destroys a silent connection with ETIMEDOUT within ±20% of the idle limit',
    TIMING_RETRIES,
    async () => {
      await using silent = await listenRecorder();
      const { socket, errors, closed } = await connect(silent.port);
      const started = performance.now();
      destroyOnIdle(socket, 500);
      const hadError = await closed;
      const elapsed = performance.now() - started;
      expect(hadError).toBe(true);
      expect(socket.destroyed).toBe(true);
      expect(errors[0]).toMatchObject({ code: 'ETIMEDOUT' });
      expectNearLimit(elapsed, 500, 'closed');
    },
  );

  it(
    'activity restarts the countdown; silence after it still ends the connection',
    TIMING_RETRIES,
    async () => {
      await using recorder = await listenRecorder();
      const { socket, errors, closed } = await connect(recorder.port);
      destroyOnIdle(socket, 300);
      // One byte every 100 ms for 900 ms: never 300 ms without activity.
      for (let i = 0; i < 9; i++) {
        socket.write('x');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(socket.destroyed, 'destroyed while bytes were still flowing').toBe(false);
      const quietFrom = performance.now();
      await closed;
      const elapsed = performance.now() - quietFrom;
      expect(errors[0]).toMatchObject({ code: 'ETIMEDOUT' });
      // The last write was ~100 ms before quietFrom, so the countdown ends ~200 ms after it.
      expect(elapsed).toBeLessThanOrEqual(400);
    },
  );

  it(
    'calling it again replaces the timeout instead of adding a second handler',
    TIMING_RETRIES,
    async () => {
      await using silent = await listenRecorder();
      const { socket, errors, closed } = await connect(silent.port);
      const listenersBefore = socket.listenerCount('timeout');
      destroyOnIdle(socket, 2_000);
      destroyOnIdle(socket, 300);
      expect(socket.listenerCount('timeout')).toBe(listenersBefore + 1);
      const started = performance.now();
      await closed;
      const elapsed = performance.now() - started;
      expect(errors).toHaveLength(1);
      expect(elapsed, 'the second call (300 ms) should win').toBeLessThanOrEqual(360);
    },
  );

  it('0 turns it off, and arming it again works', TIMING_RETRIES, async () => {
    await using silent = await listenRecorder();
    const { socket, errors, closed } = await connect(silent.port);
    destroyOnIdle(socket, 200);
    destroyOnIdle(socket, 0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(socket.destroyed, 'destroyed although the timeout was turned off').toBe(false);
    const started = performance.now();
    destroyOnIdle(socket, 300);
    await closed;
    const elapsed = performance.now() - started;
    expect(errors[0]).toMatchObject({ code: 'ETIMEDOUT' });
    expectNearLimit(elapsed, 300, 'closed');
  });
});
