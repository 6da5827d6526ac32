// connect and connectEx against the three outcomes a client meets: open, refused, no answer.
import os from 'node:os';
import { closedPort, listenBlackhole } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import {
  acceptFrom,
  errnoName,
  errnoNumber,
  SocketError,
  SocketTimeoutError,
  socket,
} from '../src/index.ts';
import { checkLeaksAfterEachTest } from './support/leaks.ts';
import { expectWithinLimit, referenceTimer } from './support/timing.ts';

/** The connect time limit of the timing test (the blackhole drops every SYN, so any works). */
const LIMIT_MS = 500;

checkLeaksAfterEachTest();

describe('a closed port (ECONNREFUSED)', () => {
  it('connectEx returns the number of ECONNREFUSED on this platform', async () => {
    const closed = await closedPort();
    await using s = socket();
    s.settimeout(2_000);
    const result = await s.connectEx(closed.address);
    expect(result).toBe(os.constants.errno.ECONNREFUSED); // 111 on Linux, 61 on macOS
    expect(result).toBe(errnoNumber('ECONNREFUSED'));
    expect(errnoName(result)).toBe('ECONNREFUSED');
    // After a failed connect the socket is unconnected again, as on Linux.
    expect(s.state).toBe('fresh');
    expect(s.fd).toBe(-1);
  });

  it('connect rejects with a SocketError carrying code, errno, syscall and the address', async () => {
    const closed = await closedPort();
    await using s = socket();
    s.settimeout(2_000);
    const error = await s.connect(closed.address).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SocketError);
    expect(error).toMatchObject({
      code: 'ECONNREFUSED',
      errno: errnoNumber('ECONNREFUSED'),
      syscall: 'connect',
      address: '127.0.0.1',
      port: closed.port,
    });
    expect((error as Error).message).toMatch(
      new RegExp(`^connect ECONNREFUSED 127\\.0\\.0\\.1:${closed.port}: .*Nothing is listening`),
    );
  });
});

describe('a port that never answers (the blackhole listener)', () => {
  it('connect rejects with SocketTimeoutError within its limit (±20%) and leaves nothing behind', async () => {
    await using hole = await listenBlackhole();
    await using s = socket();
    s.settimeout(LIMIT_MS);
    const reference = referenceTimer(LIMIT_MS);
    const started = performance.now();
    const error = await s.connect(hole.address).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(SocketTimeoutError);
    expect(error).toMatchObject({ code: 'ETIMEDOUT', syscall: 'connect', port: hole.port });
    expect((error as Error).message).toMatch(/^timed out/);
    expectWithinLimit(elapsed, LIMIT_MS, await reference);
    // The attempt was destroyed: no OS socket is left, and the socket may connect again.
    expect(s.state).toBe('fresh');
    expect(s.fd).toBe(-1);
  });

  it("connectEx returns EAGAIN's number on a timeout, as CPython's connect_ex does", async () => {
    await using hole = await listenBlackhole();
    await using s = socket();
    s.settimeout(300);
    const started = performance.now();
    expect(await s.connectEx(hole.address)).toBe(errnoNumber('EAGAIN'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('close() during a blocking connect rejects it with EBADF', async () => {
    await using hole = await listenBlackhole();
    const s = socket();
    s.settimeout(2_000);
    const outcome = s.connect(hole.address).catch((e: unknown) => e);
    expect(s.state).toBe('connecting');
    await s.close();
    expect(await outcome).toMatchObject({ code: 'EBADF', syscall: 'connect' });
  });
});

describe('non-blocking connect (timeout 0)', () => {
  it('reports EINPROGRESS, then EALREADY, then EISCONN once connected', async () => {
    await using listener = socket();
    listener.settimeout(2_000);
    await listener.bind(['127.0.0.1', 0]);
    await listener.listen();
    await using s = socket();
    s.setblocking(false);
    await expect(s.connect(listener.getsockname())).rejects.toMatchObject({
      code: 'EINPROGRESS',
      errno: errnoNumber('EINPROGRESS'),
    });
    // No I/O has happened since: the handshake cannot have completed yet.
    expect(s.state).toBe('connecting');
    expect(await s.connectEx(listener.getsockname())).toBe(errnoNumber('EALREADY'));
    await expect(s.recv(10)).rejects.toMatchObject({ code: 'EAGAIN' });
    // Blocking again, sendAll waits for the connection to finish, then sends.
    s.settimeout(2_000);
    await s.sendAll('x');
    expect(s.state).toBe('connected');
    expect(await s.connectEx(listener.getsockname())).toBe(errnoNumber('EISCONN'));
    const [conn] = await acceptFrom(listener, s.getsockname());
    await using _conn = conn;
    conn.settimeout(2_000);
    expect((await conn.recv(10)).toString()).toBe('x');
  });

  it('a non-blocking connect that fails reports the error on the next connect (SO_ERROR)', async () => {
    const closed = await closedPort();
    await using s = socket();
    s.setblocking(false);
    expect(await s.connectEx(closed.address)).toBe(errnoNumber('EINPROGRESS'));
    s.settimeout(2_000);
    // Whether the refusal has arrived yet or not, this connect reports it.
    await expect(s.connect(closed.address)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('client-side bind', () => {
  it('connect uses the address bind() recorded as its source', async () => {
    await using listener = socket();
    listener.settimeout(2_000);
    await listener.bind(['127.0.0.1', 0]);
    await listener.listen();
    await using s = socket();
    s.settimeout(2_000);
    await s.bind(['127.0.0.2', 0]);
    const result = await s.connectEx(listener.getsockname());
    // 127.0.0.2 is loopback on Linux (all of 127/8); other systems may refuse to bind it.
    if (result === 0) {
      expect(s.getsockname()[0]).toBe('127.0.0.2');
      const [conn, peer] = await acceptFrom(listener, s.getsockname());
      await using _conn = conn;
      expect(peer[0]).toBe('127.0.0.2');
    } else {
      expect(errnoName(result)).toBe('EADDRNOTAVAIL');
    }
  });
});
