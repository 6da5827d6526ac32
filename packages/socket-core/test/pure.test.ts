// The pure parts: formatting, validation, timeout rules, the receive queue, feature detection.
import { describe, expect, it } from 'vitest';
import { checkFamily, resolveBindAddress, validateSockAddr } from '../src/address.ts';
import { errnoNumber } from '../src/errno.ts';
import { SocketError, SocketTimeoutError } from '../src/errors.ts';
import { reusePortSupport } from '../src/node-support.ts';
import { ReceiveBuffer, validateBufsize } from '../src/receive-buffer.ts';
import { formatAddressTuple, formatSocket } from '../src/repr.ts';
import {
  getdefaulttimeout,
  setdefaulttimeout,
  timeoutMode,
  validateTimeout,
  withTimeout,
} from '../src/timeouts.ts';
import { Notifier } from '../src/waiting.ts';

describe('formatSocket', () => {
  it('looks like Python for a connected socket', () => {
    expect(
      formatSocket({
        fd: 3,
        family: 'AF_INET',
        type: 'SOCK_STREAM',
        closed: false,
        laddr: ['127.0.0.1', 54321],
        raddr: ['127.0.0.1', 8080],
      }),
    ).toBe(
      "<socket fd=3 family=AF_INET type=SOCK_STREAM laddr=('127.0.0.1', 54321) raddr=('127.0.0.1', 8080)>",
    );
  });

  it('marks a closed socket and drops its addresses', () => {
    expect(
      formatSocket({
        fd: -1,
        family: 'AF_INET6',
        type: 'SOCK_STREAM',
        closed: true,
        laddr: ['::', 0],
      }),
    ).toBe('<socket [closed] fd=-1 family=AF_INET6 type=SOCK_STREAM>');
  });

  it('quotes hosts the way Python quotes strings', () => {
    expect(formatAddressTuple(['::1', 443])).toBe("('::1', 443)");
    expect(formatAddressTuple(["it's", 1])).toBe('("it\'s", 1)');
  });
});

describe('validateSockAddr', () => {
  it('accepts a [host, port] pair', () => {
    expect(validateSockAddr(['127.0.0.1', 0], 'bind')).toEqual(['127.0.0.1', 0]);
  });

  it.each([
    ['127.0.0.1:80', /connect\(\): address must be a \[host, port\] pair.*'127\.0\.0\.1:80'/],
    [['127.0.0.1'], /pair/],
    [[80, '127.0.0.1'], /host must be a string.*80/],
    [['127.0.0.1', 70_000], /port must be an integer from 0 to 65535.*70000/],
    [['127.0.0.1', '80'], /port must be an integer.*'80'/],
    [['127.0.0.1', 1.5], /1\.5/],
    [['127.0.0.1:80', 80], /host '127\.0\.0\.1:80' contains a port.*\['127\.0\.0\.1', 80\]/],
  ])('rejects %j, naming the bad value', (value, message) => {
    expect(() => validateSockAddr(value, 'connect')).toThrow(message);
  });

  it('refuses an address of the other family with EAFNOSUPPORT', () => {
    const attempt = (): void => checkFamily('::1', 'AF_INET', 'connect', 80);
    expect(attempt).toThrow(SocketError);
    expect(attempt).toThrow(/EAFNOSUPPORT \[::1\]:80.*IPv6 address but this socket is AF_INET/);
    expect(() => checkFamily('localhost', 'AF_INET6', 'connect')).not.toThrow();
  });

  it("turns '' into the any-address of the family, like Python's bind", async () => {
    expect(await resolveBindAddress(['', 8080], 'AF_INET')).toEqual(['0.0.0.0', 8080]);
    expect(await resolveBindAddress(['', 0], 'AF_INET6')).toEqual(['::', 0]);
    expect(await resolveBindAddress(['localhost', 0], 'AF_INET')).toEqual(['127.0.0.1', 0]);
  });
});

describe('timeouts', () => {
  it('maps values to modes as Python does', () => {
    expect(timeoutMode(null)).toBe('blocking');
    expect(timeoutMode(0)).toBe('non-blocking');
    expect(timeoutMode(250)).toBe('timeout');
  });

  it('rejects negative, NaN, infinite and non-number timeouts', () => {
    expect(() => validateTimeout(-1, 'settimeout')).toThrow(/settimeout\(\).*got -1/);
    expect(() => validateTimeout(Number.NaN, 'settimeout')).toThrow(TypeError);
    expect(() => validateTimeout(Number.POSITIVE_INFINITY, 'settimeout')).toThrow(/use null/);
    expect(() => validateTimeout('5', 'settimeout')).toThrow(/got '5'/);
  });

  it('has a module-wide default that starts as null', () => {
    expect(getdefaulttimeout()).toBeNull();
    setdefaulttimeout(1_000);
    expect(getdefaulttimeout()).toBe(1_000);
    setdefaulttimeout(null);
    expect(getdefaulttimeout()).toBeNull();
  });

  it('withTimeout aborts the operation with the timeout error and removes its waiter', async () => {
    const changed = new Notifier();
    const started = performance.now();
    const error = new SocketTimeoutError({ syscall: 'recv', timeoutMs: 50 });
    await expect(
      withTimeout(
        50,
        (signal) => changed.wait(signal),
        () => error,
      ),
    ).rejects.toBe(error);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(changed.waiting).toBe(0);
  });

  it('SocketTimeoutError reads like Python ("timed out") and carries ETIMEDOUT', () => {
    const error = new SocketTimeoutError({
      syscall: 'connect',
      timeoutMs: 300,
      address: ['127.0.0.1', 9],
    });
    expect(error.message).toMatch(/^timed out: connect for 127\.0\.0\.1:9 waited 300 ms/);
    expect(error).toMatchObject({ code: 'ETIMEDOUT', errno: errnoNumber('ETIMEDOUT'), port: 9 });
    expect(error).toBeInstanceOf(SocketError);
  });
});

describe('ReceiveBuffer', () => {
  it('returns at most bufsize bytes, in order, across chunks', () => {
    const buffer = new ReceiveBuffer();
    buffer.push(Buffer.from('hel'));
    buffer.push(Buffer.from('lo wor'));
    buffer.push(Buffer.from('ld'));
    expect(buffer.take(4)?.toString()).toBe('hell');
    expect(buffer.take(100)?.toString()).toBe('o world');
    expect(buffer.take(100)).toBeNull();
  });

  it('returns an empty Buffer at end of stream, and keeps doing so', () => {
    const buffer = new ReceiveBuffer();
    buffer.push(Buffer.from('x'));
    buffer.end();
    buffer.push(Buffer.from('ignored after end'));
    expect(buffer.take(10)?.toString()).toBe('x');
    expect(buffer.take(10)?.length).toBe(0);
    expect(buffer.take(10)?.length).toBe(0);
  });

  it('wakes a waiter on data and on end, and forgets an aborted waiter', async () => {
    const buffer = new ReceiveBuffer();
    const waiting = buffer.changed();
    buffer.push(Buffer.from('a'));
    await waiting;
    const controller = new AbortController();
    const aborted = buffer.changed(controller.signal);
    controller.abort(new Error('gave up'));
    await expect(aborted).rejects.toThrow('gave up');
    expect(buffer.waiting).toBe(0);
    const ending = buffer.changed();
    buffer.end();
    await ending;
  });

  it('pauses its source when full and resumes it when recv makes room', () => {
    const events: string[] = [];
    const buffer = new ReceiveBuffer({
      highWaterMark: 4,
      onFull: () => events.push('full'),
      onRoom: () => events.push('room'),
    });
    buffer.push(Buffer.from('abc'));
    buffer.push(Buffer.from('de'));
    expect(events).toEqual(['full']);
    buffer.take(1);
    expect(events).toEqual(['full']); // 4 bytes left: still at the mark
    buffer.take(1);
    expect(events).toEqual(['full', 'room']);
  });

  it('accepts only a positive integer bufsize', () => {
    expect(validateBufsize(1, 'recv')).toBe(1);
    for (const bad of [0, -1, 1.5, Number.NaN, '10']) {
      expect(() => validateBufsize(bad, 'recv')).toThrow(/bufsize must be a positive integer/);
    }
  });
});

describe('reusePortSupport', () => {
  it('knows which Node versions and platforms can do SO_REUSEPORT', () => {
    expect(reusePortSupport('20.20.2', 'linux')).toMatchObject({ supported: false });
    expect(reusePortSupport('20.20.2', 'linux').reason).toMatch(/Node >= 22\.12.*20\.20\.2/);
    expect(reusePortSupport('22.11.0', 'linux').supported).toBe(false);
    expect(reusePortSupport('22.12.0', 'linux').supported).toBe(true);
    expect(reusePortSupport('23.0.0', 'linux').supported).toBe(false);
    expect(reusePortSupport('24.1.0', 'freebsd').supported).toBe(true);
    expect(reusePortSupport('24.1.0', 'darwin').supported).toBe(false);
  });
});
