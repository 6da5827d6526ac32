// Graded: exercise 3, recvAll and exchange. Every server is a loopback fixture.
import { once } from 'node:events';
import net from 'node:net';
import { createConnection } from '@netprog/socket-core';
import { listenEcho, listenHttp } from '@netprog/testbed/fixtures';
import { describe, expect, it } from 'vitest';
import { exchange, recvAll } from '../exercises/read-until-eof.ts';

const GET = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';

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
    expect((await recvAll(sock)).toString()).toBe('ping pong');
  });

  it('keeps reading when each recv returns one byte', async () => {
    await using target = await listenHttp({
      body: 'abcdefghij',
      dribble: true,
      dribbleIntervalMs: 0,
    });
    await using sock = await createConnection(target.address, 2_000);
    await sock.sendAll(GET);
    const reply = (await recvAll(sock, 1)).toString();
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(reply.endsWith('\r\n\r\nabcdefghij')).toBe(true);
  });
});

describe('exchange', () => {
  it('collects a reply dribbled one byte at a time', async () => {
    await using target = await listenHttp({
      body: 'dribbled body',
      noContentLength: true,
      dribble: true,
      dribbleIntervalMs: 0,
    });
    const reply = (await exchange(target.address, GET, 2_000)).toString();
    expect(reply.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(reply.endsWith('\r\n\r\ndribbled body')).toBe(true);
  });

  it('collects a large reply sent all at once', async () => {
    const body = '0123456789abcdef'.repeat(20_000); // 320 KB: many recv() calls
    await using target = await listenHttp({ body, noContentLength: true });
    const reply = await exchange(target.address, GET, 2_000);
    expect(reply.length).toBeGreaterThan(body.length);
    expect(reply.subarray(reply.length - body.length).toString()).toBe(body);
  });

  it('sends every byte of a large request', async () => {
    const payload = 'x'.repeat(200_000);
    const request = `POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${payload.length}\r\n\r\n${payload}`;
    await using target = await listenHttp({ body: 'stored' });
    const reply = (await exchange(target.address, request, 2_000)).toString();
    expect(reply.endsWith('stored')).toBe(true);
    expect(target.requests).toHaveLength(1);
    expect(target.requests[0]!.body.length).toBe(payload.length);
  });

  it('rejects when the server never closes, and still closes the socket', async () => {
    await using server = await silentServer();
    const started = performance.now();
    await expect(exchange(server.address, 'hello?', 200)).rejects.toThrow();
    const elapsed = performance.now() - started;
    expect(elapsed, 'it should wait for the timeout (200 ms), then give up').toBeGreaterThanOrEqual(
      180,
    );
    expect(elapsed).toBeLessThan(1_500);
    await expect(
      Promise.race([
        server.clientClosed,
        new Promise((_, reject) => setTimeout(() => reject(new Error('socket left open')), 1_000)),
      ]),
    ).resolves.toBeDefined();
  });
});
