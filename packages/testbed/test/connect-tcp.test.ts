import { describe, expect, it } from 'vitest';
import {
  ConnectTimeoutError,
  clientSockets,
  closedPort,
  connectTcp,
  listenBlackhole,
  listenEcho,
} from '../src/index.ts';
import { handlesSettleTo, openHandles } from './handles.ts';

describe('connectTcp', () => {
  it('resolves with a connected socket', async () => {
    await using echo = await listenEcho();
    const socket = await connectTcp(echo.port);
    expect([socket.remoteAddress, socket.remotePort, socket.readyState]).toEqual([
      '127.0.0.1',
      echo.port,
      'open',
    ]);
    socket.destroy();
  });

  it("rejects with the connect's own error when the port is closed", async () => {
    const closed = await closedPort();
    await expect(connectTcp(closed.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('gives up after its limit, naming the address and the limit, and leaves nothing open', async () => {
    await using hole = await listenBlackhole();
    const before = await openHandles();
    const started = performance.now();
    const error = (await connectTcp(hole.port, { timeoutMs: 200 }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(error).toMatchObject({ host: '127.0.0.1', port: hole.port, timeoutMs: 200 });
    expect(error.message).toBe(
      `connect to 127.0.0.1:${hole.port} did not complete within 200 ms; ` +
        'is the fixture still listening (and not a blackhole)?',
    );
    expect(await handlesSettleTo(before)).toEqual(before);
  });
});

describe('clientSockets', () => {
  it('destroys every socket connected since the last destroyAll()', async () => {
    await using echo = await listenEcho();
    const clients = clientSockets();
    const sockets = await Promise.all([clients.connect(echo.port), clients.connect(echo.port)]);
    expect(sockets.map((socket) => socket.destroyed)).toEqual([false, false]);
    clients.destroyAll();
    expect(sockets.map((socket) => socket.destroyed)).toEqual([true, true]);
    const later = await clients.connect(echo.port);
    clients.destroyAll();
    expect(later.destroyed).toBe(true);
  });
});
