// Graded tests for exercise 3 (recvWithDeadline). Do not edit: lab.json holds this file's hash.
// The tests run side by side (describe.concurrent, five at a time), each on its own connection.
// Deadlines are a few hundred ms, so that a re-grade takes under a second; a trickling peer
// sends a byte every 30 or 50 ms, so an idle timeout never fires where the deadline must.
import type net from 'node:net';
import {
  connectTcp,
  listenEcho,
  listenHttp,
  listenRecorder,
  listenTcp,
} from '@netprog/testbed/fixtures';
import { expectNearLimit, TIMING_RETRIES } from '@netprog/testbed/timing';
import { describe, it } from 'vitest';
import { recvWithDeadline } from '../exercises/recv-with-deadline.ts';

/** Runs `test` on a connected plain socket (bounded connect), and always destroys it. */
async function withSocket(port: number, test: (socket: net.Socket) => Promise<void>) {
  const socket = await connectTcp(port);
  try {
    await test(socket);
  } finally {
    socket.destroy();
  }
}

/** A server that answers any request with `body`, one byte every `everyMs`. */
function trickle(body: string, everyMs: number) {
  return listenHttp({ rawResponse: body, dribble: true, dribbleIntervalMs: everyMs });
}
const REQUEST = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

const LISTENED = ['data', 'readable', 'end', 'error', 'close'] as const;
const listenerCounts = (socket: net.Socket) =>
  Object.fromEntries(LISTENED.map((event) => [event, socket.listenerCount(event)]));

/** Waits (a bounded number of event-loop turns) until Node has read `bytes` bytes from the socket. */
async function untilRead(socket: net.Socket, bytes: number): Promise<void> {
  for (let turn = 0; turn < 200 && socket.bytesRead < bytes; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe.concurrent('recvWithDeadline', () => {
  it('collects exactly byteCount bytes from a slow peer', async ({ expect }) => {
    await using server = await trickle('abcdefgh', 30);
    await withSocket(server.port, async (socket) => {
      socket.write(REQUEST);
      const bytes = await recvWithDeadline(socket, 5, 2_000);
      expect(bytes.toString(), 'from a peer sending "abcdefgh", one byte every 30 ms').toBe(
        'abcde',
      );
    });
  });

  it(
    'rejects with ETIMEDOUT within ±20% of the deadline although bytes keep coming, and says so',
    TIMING_RETRIES,
    async ({ expect }) => {
      await using server = await trickle('x'.repeat(60), 50); // 3 s in all, never idle for long
      await withSocket(server.port, async (socket) => {
        socket.write(REQUEST);
        const started = performance.now();
        const error = await recvWithDeadline(socket, 60, 300).then(
          (bytes) => new Error(`it resolved with ${bytes.length} bytes`),
          (e: unknown) => e,
        );
        const elapsed = performance.now() - started;
        expect(error).toMatchObject({ code: 'ETIMEDOUT' });
        expect((error as Error).message, 'the message should name the deadline').toContain('300');
        expect(socket.destroyed, 'the socket is destroyed at the deadline').toBe(true);
        expectNearLimit(elapsed, 300, 'rejected', expect);
      });
    },
  );

  it('destroys the socket at the deadline (a silent peer)', TIMING_RETRIES, async ({ expect }) => {
    await using silent = await listenRecorder();
    await withSocket(silent.port, async (socket) => {
      const started = performance.now();
      const error = await recvWithDeadline(socket, 1, 250).catch((e: unknown) => e);
      const elapsed = performance.now() - started;
      expect(error).toMatchObject({ code: 'ETIMEDOUT' });
      expectNearLimit(elapsed, 250, 'rejected', expect);
      expect(socket.destroyed).toBe(true);
    });
  });

  it('keeps bytes beyond byteCount for the next read', async ({ expect }) => {
    await using echo = await listenEcho();
    await withSocket(echo.port, async (socket) => {
      socket.write('hello world');
      expect((await recvWithDeadline(socket, 5, 1_000)).toString()).toBe('hello');
      expect((await recvWithDeadline(socket, 6, 1_000)).toString()).toBe(' world');
    });
  });

  it('takes what it needs from a chunk that goes past byteCount, after earlier chunks', async ({
    expect,
  }) => {
    // The peer sends 'abc' at once, and 'defgh' only when asked.
    await using peer = await listenTcp((connection) => {
      connection.write('abc');
      connection.once('data', () => connection.write('defgh'));
    });
    await withSocket(peer.port, async (socket) => {
      const reading = recvWithDeadline(socket, 5, 1_000);
      await untilRead(socket, 3); // 'abc' has arrived: 2 more bytes wanted
      socket.write('more, please');
      expect((await reading).toString(), "5 bytes from 'abc' + 'defgh'").toBe('abcde');
      expect((await recvWithDeadline(socket, 3, 1_000)).toString(), 'the next read').toBe('fgh');
    });
  });

  it('keeps bytes that arrive between two reads', async ({ expect }) => {
    // The peer sends 'hello', then ' world' only when asked: after the first read has settled.
    await using peer = await listenTcp((connection) => {
      connection.write('hello');
      connection.once('data', () => connection.write(' world'));
    });
    await withSocket(peer.port, async (socket) => {
      expect((await recvWithDeadline(socket, 5, 1_000)).toString()).toBe('hello');
      socket.write('more, please');
      await untilRead(socket, 11); // ' world' has arrived, and no read is waiting for it
      const next = await recvWithDeadline(socket, 6, 1_000).catch(
        (error: Error) => `rejected: ${error.message}`,
      );
      expect(
        String(next),
        'the bytes that came while no read was running (a socket left flowing after a "data" listener drops them)',
      ).toBe(' world');
    });
  });

  it('says how many bytes came when the peer closes early', async ({ expect }) => {
    await using server = await listenHttp({ rawResponse: 'abc' });
    await withSocket(server.port, async (socket) => {
      socket.write(REQUEST);
      const error = (await recvWithDeadline(socket, 10, 2_000).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.message, 'the message should say 3 of 10 bytes').toMatch(/\b3\b.*\b10\b/);
      expect((error as { code?: string }).code).not.toBe('ETIMEDOUT');
    });
  });

  it('passes a reset through at once, not as a timeout', TIMING_RETRIES, async ({ expect }) => {
    // The peer resets the connection as soon as it hears from us.
    await using rude = await listenTcp((connection) => {
      connection.once('data', () => connection.resetAndDestroy());
    });
    await withSocket(rude.port, async (socket) => {
      const started = performance.now();
      const reading = recvWithDeadline(socket, 10, 2_000).catch((e: unknown) => e);
      socket.write('hello?');
      const error = await reading;
      expect(error).toMatchObject({ code: 'ECONNRESET' });
      expect(performance.now() - started, 'ms until the reset came through').toBeLessThan(1_000);
    });
  });

  it('removes its listeners when it settles', async ({ expect }) => {
    await using echo = await listenEcho();
    await withSocket(echo.port, async (socket) => {
      const before = listenerCounts(socket);
      socket.write('12345');
      await recvWithDeadline(socket, 5, 1_000);
      expect(listenerCounts(socket), 'listeners after a read').toEqual(before);
      await expect(recvWithDeadline(socket, 1, 100)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
      expect(listenerCounts(socket), 'listeners after a timeout').toEqual(before);
    });
  });

  // A busy machine can hold the echo back past the 150 ms deadline, which fails a right read:
  // such a try is tried again. A leftover timer fails every try.
  it(
    'leaves nothing armed after a read: the socket survives past the deadline',
    TIMING_RETRIES,
    async ({ expect }) => {
      await using echo = await listenEcho();
      await withSocket(echo.port, async (socket) => {
        socket.write('first');
        expect((await recvWithDeadline(socket, 5, 150)).toString()).toBe('first');
        // A leftover timer was armed before the read, so it fires before this wait ends.
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(socket.destroyed, 'destroyed 200 ms after a read that had a 150 ms deadline').toBe(
          false,
        );
        socket.write('again');
        expect((await recvWithDeadline(socket, 5, 1_000)).toString()).toBe('again');
      });
    },
  );
});
