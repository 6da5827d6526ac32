// socket, bind, listen, accept, connect, send, recv, shutdown, close on real loopback sockets.
import { once } from 'node:events';
import net from 'node:net';
import { within } from '@netprog/testbed/timing';
import { describe, expect, it } from 'vitest';
import {
  acceptFrom,
  errnoNumber,
  type Socket,
  SocketError,
  socket,
  UnsupportedError,
} from '../src/index.ts';
import { checkLeaksAfterEachTest } from './support/leaks.ts';
import { connectedPair } from './support/pair.ts';

checkLeaksAfterEachTest();

/** Reads until `count` bytes have arrived (recv may return fewer per call), checking each size. */
async function recvExactly(sock: Socket, count: number, bufsize: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  while (total < count) {
    const chunk = await sock.recv(bufsize);
    expect(chunk.length).toBeGreaterThan(0);
    expect(chunk.length).toBeLessThanOrEqual(bufsize);
    parts.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(parts);
}

/** Asserts that a promise rejects with a SocketError with this code, syscall and errno. */
async function expectSocketError(promise: Promise<unknown>, code: string, syscall: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SocketError);
  expect(error).toMatchObject({ code, syscall, errno: errnoNumber(code) });
}

describe('a server and a client on loopback', () => {
  it('bind, listen, connect, accept: addresses mirror each other', async () => {
    await using listener = socket();
    listener.settimeout(2_000);
    expect(listener.fd).toBe(-1);
    await listener.bind(['127.0.0.1', 0]);
    // Node binds inside listen(): until then port 0 is only a request.
    expect(listener.getsockname()).toEqual(['127.0.0.1', 0]);
    expect(listener.state).toBe('bound');
    await listener.listen(8);
    const [, port] = listener.getsockname();
    expect(port).toBeGreaterThan(0);
    expect(listener.fd).toBeGreaterThanOrEqual(0);

    await using client = socket();
    client.settimeout(2_000);
    await client.connect(['127.0.0.1', port]);
    const [conn, peer] = await acceptFrom(listener, client.getsockname());
    await using _conn = conn;
    expect(peer).toEqual(client.getsockname());
    expect(conn.getpeername()).toEqual(client.getsockname());
    expect(conn.getsockname()).toEqual(['127.0.0.1', port]);
    expect(client.getpeername()).toEqual(['127.0.0.1', port]);
    expect(conn.fd).not.toBe(client.fd);
    expect(String(client)).toBe(
      `<socket fd=${client.fd} family=AF_INET type=SOCK_STREAM laddr=('127.0.0.1', ${peer[1]}) raddr=('127.0.0.1', ${port})>`,
    );
  });

  it('send/recv round trip in both directions; recv never returns more than bufsize', async () => {
    await using pair = await connectedPair();
    const message = Buffer.from('hello, berkeley sockets');
    expect(await pair.client.send(message)).toBe(message.length);
    expect((await recvExactly(pair.conn, message.length, 5)).toString()).toBe(message.toString());
    await pair.conn.sendAll('reply');
    expect((await recvExactly(pair.client, 5, 1024)).toString()).toBe('reply');
  });

  it('sendAll delivers a large buffer while the peer reads it piece by piece', async () => {
    await using pair = await connectedPair();
    const big = Buffer.alloc(1024 * 1024, 7);
    const sending = pair.client.sendAll(big);
    const received = await recvExactly(pair.conn, big.length, 65_536);
    await sending;
    expect(received.equals(big)).toBe(true);
  });

  it('recv returns an empty Buffer at EOF, and again on every later call', async () => {
    await using pair = await connectedPair();
    await pair.client.sendAll('last words');
    await pair.client.close();
    expect((await recvExactly(pair.conn, 10, 100)).toString()).toBe('last words');
    expect((await pair.conn.recv(100)).length).toBe(0);
    expect((await pair.conn.recv(100)).length).toBe(0);
  });

  it('shutdown(SHUT_WR) half-closes: the peer sees EOF and can still answer', async () => {
    await using pair = await connectedPair();
    await pair.client.sendAll('question');
    pair.client.shutdown('SHUT_WR');
    expect((await recvExactly(pair.conn, 8, 100)).toString()).toBe('question');
    expect((await pair.conn.recv(100)).length).toBe(0);
    await pair.conn.sendAll('answer');
    expect((await recvExactly(pair.client, 6, 100)).toString()).toBe('answer');
    await expectSocketError(pair.client.send('more'), 'EPIPE', 'send');
  });

  it('shutdown(SHUT_RD) makes recv report end of stream', async () => {
    await using pair = await connectedPair();
    pair.conn.shutdown('SHUT_RD');
    expect((await pair.conn.recv(10)).length).toBe(0);
  });

  it('a reset from the peer rejects recv once with ECONNRESET, then recv returns EOF', async () => {
    await using listener = socket();
    listener.settimeout(2_000);
    await listener.bind(['127.0.0.1', 0]);
    await listener.listen();
    const [host, port] = listener.getsockname();
    const peer = net.connect({ host, port });
    peer.on('error', () => {});
    await within(once(peer, 'connect'), 2_000, `connect to ${host}:${port}`);
    const [conn] = await acceptFrom(listener, [peer.localAddress ?? '', peer.localPort ?? 0]);
    await using _conn = conn;
    conn.settimeout(2_000);
    const closed = new Promise((resolve) => peer.once('close', resolve));
    peer.resetAndDestroy();
    await closed;
    await expectSocketError(conn.recv(10), 'ECONNRESET', 'recv');
    expect((await conn.recv(10)).length).toBe(0);
    await expectSocketError(conn.send('x'), 'EPIPE', 'send');
  });

  it('close() of a listener resets connections accept() never took', async () => {
    const listener = socket();
    await listener.bind(['127.0.0.1', 0]);
    await listener.listen();
    await using client = socket();
    client.settimeout(2_000);
    await client.connect(listener.getsockname());
    await listener.close();
    await expectSocketError(client.recv(10), 'ECONNRESET', 'recv');
  });

  it('accepted sockets outlive the listener that produced them', async () => {
    await using pair = await connectedPair();
    await pair.listener.close();
    await pair.client.sendAll('still here');
    expect((await recvExactly(pair.conn, 10, 100)).toString()).toBe('still here');
  });
});

describe('calls in the wrong state fail like the kernel would', () => {
  it("a fresh socket looks like Python's: fd -1 (no OS socket yet) and laddr 0.0.0.0:0", async () => {
    await using s = socket();
    expect(s.getsockname()).toEqual(['0.0.0.0', 0]);
    expect(String(s)).toBe("<socket fd=-1 family=AF_INET type=SOCK_STREAM laddr=('0.0.0.0', 0)>");
    await using s6 = socket('AF_INET6');
    expect(s6.getsockname()).toEqual(['::', 0]);
  });

  it('ENOTCONN for recv, send, getpeername and shutdown before connecting', async () => {
    await using s = socket();
    await expectSocketError(s.recv(10), 'ENOTCONN', 'recv');
    await expectSocketError(s.send('x'), 'ENOTCONN', 'send');
    expect(() => s.getpeername()).toThrow(/getpeername ENOTCONN/);
    expect(() => s.shutdown('SHUT_WR')).toThrow(/shutdown ENOTCONN/);
  });

  it('EBADF for everything after close (and close twice is fine)', async () => {
    const s = socket();
    await s.close();
    await s.close();
    expect(s.state).toBe('closed');
    expect(String(s)).toBe('<socket [closed] fd=-1 family=AF_INET type=SOCK_STREAM>');
    await expectSocketError(s.recv(1), 'EBADF', 'recv');
    await expectSocketError(s.send('x'), 'EBADF', 'send');
    await expectSocketError(s.bind(['127.0.0.1', 0]), 'EBADF', 'bind');
    await expectSocketError(s.listen(), 'EBADF', 'listen');
    await expectSocketError(s.accept(), 'EBADF', 'accept');
    await expectSocketError(s.connect(['127.0.0.1', 1]), 'EBADF', 'connect');
    expect(() => s.getsockname()).toThrow(/getsockname EBADF.*closed/);
  });

  it('EISCONN for connecting a connected socket, EINVAL for binding twice or accept before listen', async () => {
    await using pair = await connectedPair();
    await expectSocketError(pair.client.connect(pair.listener.getsockname()), 'EISCONN', 'connect');
    expect(await pair.client.connectEx(pair.listener.getsockname())).toBe(errnoNumber('EISCONN'));
    await using s = socket();
    await s.bind(['127.0.0.1', 0]);
    await expectSocketError(s.bind(['127.0.0.1', 0]), 'EINVAL', 'bind');
    await expectSocketError(s.accept(), 'EINVAL', 'accept');
  });

  it('a pending accept() rejects with EBADF when the listener is closed', async () => {
    const listener = socket();
    await listener.bind(['127.0.0.1', 0]);
    await listener.listen();
    const waiting = listener.accept().catch((e: unknown) => e);
    await listener.close();
    expect(await waiting).toMatchObject({ code: 'EBADF', syscall: 'accept' });
  });

  it('listen() twice is refused plainly: Node cannot change a backlog', async () => {
    await using s = socket();
    await s.bind(['127.0.0.1', 0]);
    await s.listen(4);
    await expect(s.listen(8)).rejects.toThrow(UnsupportedError);
  });

  it('EADDRINUSE surfaces from listen(), where Node really binds', async () => {
    await using first = socket();
    await first.bind(['127.0.0.1', 0]);
    await first.listen();
    await using second = socket();
    await second.bind(first.getsockname());
    const error = await second.listen().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'EADDRINUSE',
      syscall: 'listen',
      port: first.getsockname()[1],
    });
    expect(second.state).toBe('bound');
  });

  it('an IPv6 address on an AF_INET socket is EAFNOSUPPORT, and bad input names the value', async () => {
    await using s = socket();
    await expect(s.connect(['::1', 80])).rejects.toMatchObject({ code: 'EAFNOSUPPORT' });
    await expect(s.connectEx(['::1', 80])).rejects.toMatchObject({ code: 'EAFNOSUPPORT' });
    // @ts-expect-error: a string is not an address tuple
    await expect(s.connect('127.0.0.1:80')).rejects.toThrow(/'127\.0\.0\.1:80'/);
    await expect(s.recv(0)).rejects.toThrow(/bufsize must be a positive integer.*got 0/);
    // @ts-expect-error: how must be one of the three names
    expect(() => s.shutdown(1)).toThrow(/SHUT_RD.*got 1/);
    expect(() => socket('AF_UNIX' as never)).toThrow(/family must be.*'AF_UNIX'/);
  });
});

describe('setsockopt', () => {
  it('sets TCP_NODELAY and SO_KEEPALIVE, and refuses what Node cannot do', async () => {
    await using pair = await connectedPair();
    pair.client.setsockopt('TCP_NODELAY', true);
    pair.client.setsockopt('SO_KEEPALIVE', 1);
    pair.client.setsockopt('SO_REUSEADDR', true);
    expect(() => pair.client.setsockopt('SO_REUSEADDR', false)).toThrow(UnsupportedError);
    expect(() => pair.listener.setsockopt('IPV6_V6ONLY', true)).toThrow(/ENOPROTOOPT/);
    // @ts-expect-error: not an option Node exposes
    expect(() => pair.client.setsockopt('SO_RCVBUF', 1)).toThrow(/no other socket options/);
  });
});
