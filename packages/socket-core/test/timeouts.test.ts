// Python's timeout modes on real sockets: blocking, non-blocking (EAGAIN) and time limits, and
// which timeout an accepted socket starts with.
import { afterEach, describe, expect, it } from 'vitest';
import {
  acceptFrom,
  errnoNumber,
  getdefaulttimeout,
  type SockAddr,
  type Socket,
  type SocketError,
  SocketTimeoutError,
  setdefaulttimeout,
  socket,
} from '../src/index.ts';
import { checkLeaksAfterEachTest } from './support/leaks.ts';
import { connectedPair, type Pair } from './support/pair.ts';
import { expectWithinLimit, referenceTimer } from './support/timing.ts';

checkLeaksAfterEachTest();
afterEach(() => {
  setdefaulttimeout(null);
});

/** The time limit of the timing test. */
const LIMIT_MS = 500;

/**
 * The peer closes with bytes it never read, so its kernel resets the connection (RST), and the
 * client, which still has bytes queued, sees ECONNRESET or EPIPE. Waiting for that here means
 * the client's connection is really gone before the leak check runs.
 */
async function expectResetWhenPeerCloses(pair: Pair): Promise<void> {
  await pair.conn.close();
  pair.client.settimeout(2_000);
  const error = await pair.client.recv(10).catch((e: unknown) => e);
  expect(['ECONNRESET', 'EPIPE']).toContain((error as SocketError).code);
}

/**
 * accept() on a non-blocking listener, as a select() loop would do it: EAGAIN means "not yet",
 * so try again on the next turn of the event loop (which is when Node takes new connections
 * from the kernel), until the connection from `peer` arrives; at most 2 s.
 */
async function acceptNonBlocking(listener: Socket, peer: SockAddr): Promise<[Socket, SockAddr]> {
  const deadline = performance.now() + 2_000;
  for (;;) {
    try {
      const [conn, address] = await listener.accept();
      if (address[0] === peer[0] && address[1] === peer[1]) return [conn, address];
      await conn.close(); // a stray connection from another test process
    } catch (error) {
      if ((error as SocketError).code !== 'EAGAIN' || performance.now() > deadline) throw error;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** A listener on 127.0.0.1:0 with the given timeout. */
async function listening(timeout: number | null) {
  const listener = socket();
  listener.settimeout(timeout);
  await listener.bind(['127.0.0.1', 0]);
  await listener.listen();
  return listener;
}

describe('time limits', () => {
  it('recv with a timeout rejects with SocketTimeoutError when nothing arrives (±20%)', async () => {
    await using pair = await connectedPair();
    pair.conn.settimeout(LIMIT_MS);
    const reference = referenceTimer(LIMIT_MS);
    const started = performance.now();
    const error = await pair.conn.recv(10).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(SocketTimeoutError);
    expect(error).toMatchObject({ code: 'ETIMEDOUT', syscall: 'recv', timeoutMs: LIMIT_MS });
    expectWithinLimit(elapsed, LIMIT_MS, await reference);
    // The socket is still usable afterwards, as in Python.
    await pair.client.sendAll('late');
    expect((await pair.conn.recv(10)).toString()).toBe('late');
  });

  it('accept with a timeout rejects with SocketTimeoutError when nobody connects', async () => {
    await using listener = await listening(200);
    for (;;) {
      const started = performance.now();
      const outcome = await listener.accept().catch((e: unknown) => e);
      if (Array.isArray(outcome)) {
        // A stray connection from another process on this machine (see acceptFrom): again.
        await (outcome[0] as Socket).close();
        continue;
      }
      expect(outcome).toBeInstanceOf(SocketTimeoutError);
      expect(performance.now() - started).toBeGreaterThanOrEqual(160);
      break;
    }
  });
});

describe('non-blocking mode (timeout 0)', () => {
  it('recv with nothing buffered rejects at once with EAGAIN', async () => {
    await using pair = await connectedPair();
    pair.conn.setblocking(false);
    expect(pair.conn.gettimeout()).toBe(0);
    await expect(pair.conn.recv(10)).rejects.toMatchObject({
      code: 'EAGAIN',
      errno: errnoNumber('EAGAIN'),
      syscall: 'recv',
    });
  });

  it('accept with no pending connection rejects at once with EAGAIN', async () => {
    await using listener = await listening(0);
    await expect(listener.accept()).rejects.toMatchObject({ code: 'EAGAIN', syscall: 'accept' });
  });

  it('send rejects with EAGAIN once the peer stops reading and every buffer is full', async () => {
    await using pair = await connectedPair();
    pair.client.setblocking(false);
    const chunk = Buffer.alloc(64 * 1024);
    let accepted = 0;
    let error: unknown;
    // The kernel's buffers take a few MB on loopback; 64 MB is far more than enough.
    for (let i = 0; i < 1_000 && error === undefined; i++) {
      try {
        accepted += await pair.client.send(chunk);
      } catch (e) {
        error = e;
      }
    }
    expect(error).toMatchObject({ code: 'EAGAIN', syscall: 'send' });
    expect(accepted).toBeGreaterThan(0);
    await expectResetWhenPeerCloses(pair);
  });

  it('sendAll with a timeout rejects with SocketTimeoutError when the peer never reads', async () => {
    await using pair = await connectedPair();
    pair.client.settimeout(300);
    const big = Buffer.alloc(64 * 1024 * 1024);
    await expect(pair.client.sendAll(big)).rejects.toBeInstanceOf(SocketTimeoutError);
    await expectResetWhenPeerCloses(pair);
  });

  it('send hands the bytes over at once and returns their count', async () => {
    await using pair = await connectedPair();
    pair.client.setblocking(false);
    expect(await pair.client.send('abc')).toBe(3);
    expect((await pair.conn.recv(10)).toString()).toBe('abc');
  });
});

describe("timeouts of accepted sockets (Python: getdefaulttimeout(), not the listener's)", () => {
  it('with no default, an accepted socket blocks even if the listener has a timeout', async () => {
    expect(getdefaulttimeout()).toBeNull();
    await using listener = await listening(1_500);
    await using client = socket();
    client.settimeout(2_000);
    await client.connect(listener.getsockname());
    const [conn] = await acceptFrom(listener, client.getsockname());
    await using _conn = conn;
    expect(conn.gettimeout()).toBeNull();
  });

  it('with a default timeout, an accepted socket gets the default, whatever the listener has', async () => {
    await using listener = await listening(1_500); // created before the default: keeps 1500
    setdefaulttimeout(250);
    expect(listener.gettimeout()).toBe(1_500);
    await using client = socket();
    expect(client.gettimeout()).toBe(250); // new sockets start with the default
    await client.connect(listener.getsockname());
    const [conn] = await acceptFrom(listener, client.getsockname());
    await using _conn = conn;
    expect(conn.gettimeout()).toBe(250);
  });

  it('a non-blocking listener with no default gives a blocking socket (Linux behaviour)', async () => {
    await using listener = await listening(0);
    await using client = socket();
    client.settimeout(2_000);
    await client.connect(listener.getsockname());
    const [conn] = await acceptNonBlocking(listener, client.getsockname());
    await using _conn = conn;
    expect(listener.gettimeout()).toBe(0); // accepted while non-blocking
    expect(conn.gettimeout()).toBeNull();
  });
});
