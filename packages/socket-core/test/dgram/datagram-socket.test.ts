// UDP with the Berkeley calls: bind, sendto, recvfrom, connect, send, recv, timeouts and close,
// on real loopback sockets.
import dgram from 'node:dgram';
import { once } from 'node:events';
import { closedUdpPort, listenLossyUdp } from '@netprog/testbed';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DatagramSocket,
  errnoNumber,
  SocketError,
  SocketTimeoutError,
  UnsupportedError,
  udpSocket,
} from '../../src/index.ts';
import { activeResources, expectNoLeaks } from '../support/leaks.ts';

let before: string[] = [];
beforeEach(() => {
  before = activeResources();
});
afterEach(async () => {
  await expectNoLeaks(before);
});

/** The error a promise rejects with (or a marker when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => ({ resolvedWith: value }),
    (error: unknown) => error,
  );
}

async function expectSocketError(promise: Promise<unknown>, code: string, syscall: string) {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(SocketError);
  expect(error).toMatchObject({ code, syscall, errno: errnoNumber(code) });
}

async function boundSocket(): Promise<DatagramSocket> {
  const s = udpSocket();
  await s.bind(['127.0.0.1', 0]);
  s.settimeout(2_000);
  return s;
}

describe('sendto and recvfrom', () => {
  it('delivers each datagram whole and separately, with the sender address', async () => {
    await using server = await boundSocket();
    await using client = await boundSocket();
    for (const word of ['one', 'two', 'three']) {
      expect(await client.sendto(word, server.getsockname())).toBe(word.length);
    }
    const received: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [data, from] = await server.recvfrom(1024);
      received.push(data.toString());
      expect(from).toEqual(client.getsockname());
    }
    expect(received).toEqual(['one', 'two', 'three']);
  });

  it('binds an unbound socket on the first sendto, to any address and a kernel-chosen port', async () => {
    await using server = await boundSocket();
    await using client = udpSocket();
    expect(client.getsockname()).toEqual(['0.0.0.0', 0]);
    expect(client.fd).toBe(-1);
    await client.sendto('hi', server.getsockname());
    const [host, port] = client.getsockname();
    expect(host).toBe('0.0.0.0');
    expect(port).toBeGreaterThan(0);
    expect(client.fd).toBeGreaterThan(2);
    const [, from] = await server.recvfrom(16);
    expect(from[1]).toBe(port);
    expect(String(client)).toMatch(
      new RegExp(
        `^<socket fd=\\d+ family=AF_INET type=SOCK_DGRAM laddr=\\('0\\.0\\.0\\.0', ${port}\\)>$`,
      ),
    );
  });

  it('keeps an empty datagram: it arrives as an empty Buffer, not as an end of stream', async () => {
    await using server = await boundSocket();
    await using client = await boundSocket();
    await client.sendto(new Uint8Array(0), server.getsockname());
    await client.sendto('after', server.getsockname());
    expect((await server.recv(10)).length).toBe(0);
    expect((await server.recv(10)).toString()).toBe('after');
  });

  it('cuts a datagram longer than bufsize and discards the rest, as the kernel does', async () => {
    await using server = await boundSocket();
    await using client = await boundSocket();
    await client.sendto('0123456789', server.getsockname());
    await client.sendto('next', server.getsockname());
    await client.sendto('abcdefgh', server.getsockname());
    const [first] = await server.recvfrom(4);
    expect(first.toString()).toBe('0123'); // '456789' is gone for good
    expect((await server.recv(1024)).toString()).toBe('next');
    expect(await server.recvmsg(3)).toMatchObject({ truncated: true, size: 8 });
  });

  it('sends 65,507 bytes in one datagram and refuses 65,508 with EMSGSIZE (IPv4)', async () => {
    await using server = await boundSocket();
    await using client = await boundSocket();
    await client.sendto(Buffer.alloc(65_507, 1), server.getsockname());
    const { data, truncated } = await server.recvmsg(65_536);
    expect([data.length, truncated]).toEqual([65_507, false]);
    await expectSocketError(
      client.sendto(Buffer.alloc(65_508), server.getsockname()),
      'EMSGSIZE',
      'sendto',
    );
  });

  it('times out, or says EAGAIN when non-blocking, and leaves no waiter behind', async () => {
    await using s = await boundSocket();
    s.settimeout(50);
    const error = await rejection(s.recvfrom(10));
    expect(error).toBeInstanceOf(SocketTimeoutError);
    expect(error).toMatchObject({ syscall: 'recvfrom', code: 'ETIMEDOUT' });
    s.setblocking(false);
    await expectSocketError(s.recv(10), 'EAGAIN', 'recv');
  });

  it('reports bind errors from bind(): EADDRINUSE for a taken port', async () => {
    await using first = await boundSocket();
    await using second = udpSocket();
    await expectSocketError(second.bind(first.getsockname()), 'EADDRINUSE', 'bind');
    expect(second.state).toBe('fresh');
    await expectSocketError(first.bind(['127.0.0.1', 0]), 'EINVAL', 'bind');
  });
});

describe('connected UDP', () => {
  it('sends and receives without addresses, and filters out other senders', async () => {
    await using peer = await listenLossyUdp({ seed: 1 }); // an echo server, nothing lost
    await using stranger = await boundSocket();
    await using s = await boundSocket();
    await s.connect(peer.address);
    expect(s.getpeername()).toEqual(peer.address);
    expect(s.getsockname()[0]).toBe('127.0.0.1');
    await stranger.sendto('not for you', s.getsockname());
    await s.send('hello');
    expect((await s.recv(100)).toString()).toBe('hello');
    s.settimeout(50);
    expect(await rejection(s.recv(100))).toBeInstanceOf(SocketTimeoutError);
    expect(String(s)).toContain(`raddr=('127.0.0.1', ${peer.port})`);
  });

  it('reports ICMP port unreachable as ECONNREFUSED on the next call, once', async () => {
    await using closed = await closedUdpPort();
    await using s = await boundSocket();
    await s.connect(closed.address);
    await s.send('anyone?'); // "sent": UDP cannot know yet
    await expectSocketError(s.recv(100), 'ECONNREFUSED', 'recv');
    s.settimeout(50);
    expect(await rejection(s.recv(100))).toBeInstanceOf(SocketTimeoutError); // reported once
  });

  it('reports the refusal on a later send too, if nobody was receiving', async () => {
    await using closed = await closedUdpPort();
    await using s = await boundSocket();
    await s.connect(closed.address);
    await s.send('first');
    // Wait until a refusal sent after ours has reached Node: ours has arrived by then.
    const probe = dgram.createSocket('udp4');
    probe.connect(closed.port, closed.host, () => probe.send('later'));
    await once(probe, 'error');
    probe.close();
    await new Promise((resolve) => setImmediate(resolve));
    await expectSocketError(s.send('second'), 'ECONNREFUSED', 'send');
  });

  it('hears nothing when unconnected: the same datagram just vanishes', async () => {
    await using closed = await closedUdpPort();
    await using s = await boundSocket();
    await s.sendto('anyone?', closed.address);
    s.settimeout(100);
    expect(await rejection(s.recvfrom(100))).toBeInstanceOf(SocketTimeoutError);
    expect(await s.sendto('still fine', closed.address)).toBe(10);
  });

  it('can switch peers by connecting again, and refuses sendto with an address', async () => {
    await using a = await listenLossyUdp({ seed: 1 });
    await using b = await listenLossyUdp({ seed: 1 });
    await using s = await boundSocket();
    await s.connect(a.address);
    await s.connect(b.address);
    expect(s.getpeername()).toEqual(b.address);
    await s.send('to b');
    expect((await s.recvfrom(100))[1]).toEqual(b.address);
    await expect(s.sendto('x', a.address)).rejects.toBeInstanceOf(UnsupportedError);
  });

  it('resolves a host name when connecting, within the socket family', async () => {
    await using peer = await listenLossyUdp({ seed: 1 });
    await using s = await boundSocket();
    await s.connect(['localhost', peer.port]);
    expect(s.getpeername()).toEqual(['127.0.0.1', peer.port]);
    await s.send('by name');
    expect((await s.recv(100)).toString()).toBe('by name');
  });

  it('says EDESTADDRREQ for send() without a peer and ENOTCONN for getpeername()', async () => {
    await using s = udpSocket();
    await expectSocketError(s.send('where to?'), 'EDESTADDRREQ', 'send');
    expect(() => s.getpeername()).toThrow(/ENOTCONN/);
  });
});

describe('close', () => {
  it('rejects a waiting recvfrom with EBADF, and every later call too', async () => {
    const s = await boundSocket();
    const waiting = s.recvfrom(10);
    await s.close();
    await expectSocketError(waiting, 'EBADF', 'recvfrom');
    await expectSocketError(s.sendto('x', ['127.0.0.1', 9]), 'EBADF', 'sendto');
    expect(() => s.getsockname()).toThrow(/EBADF/);
    expect(String(s)).toBe('<socket [closed] fd=-1 family=AF_INET type=SOCK_DGRAM>');
    await s.close(); // twice is fine
  });
});

describe('mistakes', () => {
  it('names the bad value', async () => {
    const s = udpSocket();
    await expect(s.sendto('x', ['127.0.0.1', 70_000])).rejects.toThrow(/port must be an integer/);
    await expect(s.sendto('x', ['::1', 9])).rejects.toThrow(/EAFNOSUPPORT/);
    await expect(s.recvfrom(0)).rejects.toThrow(/bufsize must be a positive integer/);
    expect(() => udpSocket('AF_UNIX' as 'AF_INET')).toThrow(/family must be/);
    await s.close();
  });
});
