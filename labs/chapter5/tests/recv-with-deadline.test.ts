// Graded tests for exercise 3 (recvWithDeadline). Do not edit: lab.json holds this file's hash.
import type net from 'node:net';
import { clientSockets, listenEcho, listenHttp, listenRecorder } from '@netprog/testbed/fixtures';
import { expectNearLimit, TIMING_RETRIES } from '@netprog/testbed/timing';
import { afterEach, describe, expect, it } from 'vitest';
import { recvWithDeadline } from '../exercises/recv-with-deadline.ts';

// Plain net.Sockets, each connect bounded (testbed's connectTcp), destroyed after every test.
const clients = clientSockets();
afterEach(() => clients.destroyAll());

/** A server that answers any request with `body`, one byte every `everyMs`. */
function trickle(body: string, everyMs: number) {
  return listenHttp({ rawResponse: body, dribble: true, dribbleIntervalMs: everyMs });
}
const REQUEST = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

const LISTENED = ['data', 'readable', 'end', 'error', 'close'] as const;
const listenerCounts = (socket: net.Socket) => LISTENED.map((event) => socket.listenerCount(event));

describe('recvWithDeadline', () => {
  it('collects exactly byteCount bytes from a slow peer', async () => {
    await using server = await trickle('abcdefgh', 50);
    const socket = await clients.connect(server.port);
    socket.write(REQUEST);
    const bytes = await recvWithDeadline(socket, 5, 2_000);
    expect(bytes.toString()).toBe('abcde');
  });

  it(
    'rejects with ETIMEDOUT within ±20% of the deadline although bytes keep coming',
    TIMING_RETRIES,
    async () => {
      await using server = await trickle('x'.repeat(60), 100); // 6 s in all, never idle for long
      const socket = await clients.connect(server.port);
      socket.write(REQUEST);
      const started = performance.now();
      const error = await recvWithDeadline(socket, 60, 800).catch((e: unknown) => e);
      const elapsed = performance.now() - started;
      expect(error).toMatchObject({ code: 'ETIMEDOUT' });
      expectNearLimit(elapsed, 800, 'rejected');
    },
  );

  it('destroys the socket at the deadline (a silent peer)', TIMING_RETRIES, async () => {
    await using silent = await listenRecorder();
    const socket = await clients.connect(silent.port);
    const started = performance.now();
    await expect(recvWithDeadline(socket, 1, 500)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    const elapsed = performance.now() - started;
    expectNearLimit(elapsed, 500, 'rejected');
    expect(socket.destroyed).toBe(true);
  });

  it('keeps bytes beyond byteCount for the next read', async () => {
    await using echo = await listenEcho();
    const socket = await clients.connect(echo.port);
    socket.write('hello world');
    expect((await recvWithDeadline(socket, 5, 1_000)).toString()).toBe('hello');
    expect((await recvWithDeadline(socket, 6, 1_000)).toString()).toBe(' world');
  });

  it('says how many bytes came when the peer closes early', async () => {
    await using server = await listenHttp({ rawResponse: 'abc' });
    const socket = await clients.connect(server.port);
    socket.write(REQUEST);
    const error = (await recvWithDeadline(socket, 10, 2_000).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/\b3\b/);
    expect(error.message).toMatch(/\b10\b/);
    expect((error as { code?: string }).code).not.toBe('ETIMEDOUT');
  });

  it('removes its listeners when it settles', async () => {
    await using echo = await listenEcho();
    const socket = await clients.connect(echo.port);
    const before = listenerCounts(socket);
    socket.write('12345');
    await recvWithDeadline(socket, 5, 1_000);
    expect(listenerCounts(socket)).toEqual(before);
    await expect(recvWithDeadline(socket, 1, 300)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(listenerCounts(socket)).toEqual(before);
  });
});
