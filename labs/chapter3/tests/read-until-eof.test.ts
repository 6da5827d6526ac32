// Graded: exercise 3, recvAll and exchange. Every server is a loopback fixture.
import { once } from 'node:events';
import net from 'node:net';
import { createConnection } from '@netprog/socket-core';
import { listenEcho, listenHttp } from '@netprog/testbed/fixtures';
import { within } from '@netprog/testbed/timing';
import { describe, expect, it } from 'vitest';
import { exchange, recvAll } from '../exercises/read-until-eof.ts';

const GET = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';

/** Text with characters of 2 and 3 bytes in UTF-8, then bytes that are not UTF-8 at all. */
const MIXED = Buffer.concat([Buffer.from('héllo wörld ✓'), Buffer.from([0xff, 0x00, 0x80, 0xfe])]);

/** Waits at most 5 s for `promise` (a recvAll or exchange): a hang fails with a message. */
const settled = <T>(promise: Promise<T>, what: string): Promise<T> =>
  within(promise, 5_000, `${what} settling`);

/** Bytes as a JavaScript string literal (one character per byte): what a failing check shows. */
const shown = (bytes: Buffer): string => JSON.stringify(bytes.toString('latin1'));

/** A server that reads but never answers and never closes; it reports when the client closes. */
async function silentServer() {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.resume();
    socket.on('close', () => server.emit('client-closed'));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const clientClosed = once(server, 'client-closed');
  return {
    address: ['127.0.0.1', port] as const,
    clientClosed,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('recvAll', () => {
  it('returns everything the peer sent before closing', async () => {
    await using echo = await listenEcho();
    await using sock = await createConnection(echo.address, 2_000);
    await sock.sendAll('ping pong');
    sock.shutdown('SHUT_WR'); // "no more from me": the echo server echoes, then closes
    expect((await settled(recvAll(sock), 'recvAll')).toString()).toBe('ping pong');
  });

  it('keeps reading when each recv returns one byte, and keeps the bytes as they are', async () => {
    await using target = await listenHttp({ body: MIXED, dribble: true, dribbleIntervalMs: 0 });
    await using sock = await createConnection(target.address, 2_000);
    await sock.sendAll(GET);
    // Every chunk is far shorter than bufsize (4096): a short chunk is not the end.
    const reply = await settled(recvAll(sock), 'recvAll');
    expect(shown(reply)).toMatch(/^"HTTP\/1\.1 200 OK\\r\\n/);
    expect(shown(reply.subarray(reply.length - MIXED.length)), 'the last bytes received').toBe(
      shown(MIXED),
    );
  });
});

describe('exchange', () => {
  it('collects a reply dribbled one byte at a time', async () => {
    await using target = await listenHttp({
      body: MIXED,
      noContentLength: true,
      dribble: true,
      dribbleIntervalMs: 0,
    });
    const reply = await settled(exchange(target.address, GET, 2_000), 'exchange');
    expect(reply.toString('latin1').startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(shown(reply.subarray(reply.length - MIXED.length)), 'the last bytes received').toBe(
      shown(MIXED),
    );
  });

  it('collects a large reply sent all at once', async () => {
    const body = '0123456789abcdef'.repeat(20_000); // 320 KB: many recv() calls
    await using target = await listenHttp({ body, noContentLength: true });
    const reply = await settled(exchange(target.address, GET, 2_000), 'exchange');
    expect(reply.length).toBeGreaterThan(body.length);
    expect(reply.subarray(reply.length - body.length).toString()).toBe(body);
  });

  it('sends every byte of a large request', async () => {
    const payload = 'x'.repeat(200_000);
    const request = `POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${payload.length}\r\n\r\n${payload}`;
    await using target = await listenHttp({ body: 'stored' });
    const reply = (await settled(exchange(target.address, request, 2_000), 'exchange')).toString();
    expect(reply.endsWith('stored')).toBe(true);
    expect(target.requests).toHaveLength(1);
    expect(target.requests[0]!.body.length).toBe(payload.length);
  });

  it('rejects when the server never closes, and still closes the socket', async () => {
    await using server = await silentServer();
    const started = performance.now();
    const outcome = await within(
      exchange(server.address, 'hello?', 100).then(
        (reply) => `resolved with ${shown(reply)}`,
        (error: unknown) => error,
      ),
      3_000,
      'exchange(…, 100) with a server that never answers',
    );
    expect(outcome).toBeInstanceOf(Error);
    const elapsed = performance.now() - started;
    expect(elapsed, 'it should wait for the timeout (100 ms), then give up').toBeGreaterThanOrEqual(
      90,
    );
    expect(elapsed).toBeLessThan(1_500);
    await within(server.clientClosed, 1_000, 'the close of your socket');
  });
});
