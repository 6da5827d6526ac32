import dgram from 'node:dgram';
import dns, { lookup as importedLookup } from 'node:dns';
import { Resolver as PromisesResolver, lookup as promisesLookup } from 'node:dns/promises';
import { once } from 'node:events';
import net from 'node:net';
import { hostname } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { listenEcho } from '../src/index.ts';
import {
  checkTarget,
  installLoopbackGuard,
  isLoopback,
  isLoopbackGuardInstalled,
  serverHostPort,
  systemLookupRefusal,
  systemReverseLookupRefusal,
} from '../src/loopback-guard/index.ts';
import { within } from '../src/timing/index.ts';

const GUARD = 'ENETUNREACH_GUARD';

/** Connects and resolves with the outcome: 'connected' or the error (bounded by 1 s). */
function connectOutcome(socket: net.Socket): Promise<NodeJS.ErrnoException | 'connected'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(new Error('no outcome within 1 s'));
    }, 1_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      resolve(error);
    });
  });
}

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.200.3.4', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['localhost', true],
    ['LOCALHOST.', true],
    ['128.0.0.1', false],
    ['192.0.2.1', false],
    ['::ffff:192.0.2.1', false],
    ['2001:db8::1', false],
    ['0.0.0.0', false],
    ['::', false],
    ['example.com', false],
    ['foo.localhost', false],
    ['127.1', false],
    ['', false],
  ])('%s -> %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });

  it('checkTarget also refuses port 53 on loopback (the system DNS stub forwards)', () => {
    expect(checkTarget('UDP send', '127.0.0.1', 5354)).toBeUndefined();
    expect(checkTarget('UDP send', '127.0.0.53', 53)?.message).toMatch(/127\.0\.0\.53:53.*port 53/);
    expect(serverHostPort('[::1]:5354')).toEqual(['::1', 5354]);
    expect(serverHostPort('127.0.0.1:5354')).toEqual(['127.0.0.1', 5354]);
    expect(serverHostPort('10.0.0.2')).toEqual(['10.0.0.2', 53]);
    expect(serverHostPort('2001:db8::53')).toEqual(['2001:db8::53', 53]);
  });
});

describe('the loopback guard', () => {
  it('is installed in every test worker by the shared setup file, once', () => {
    expect(isLoopbackGuardInstalled()).toBe(true);
    const connect = net.Socket.prototype.connect;
    const uninstall = installLoopbackGuard();
    expect(installLoopbackGuard()).toBe(uninstall);
    expect(net.Socket.prototype.connect).toBe(connect); // not wrapped twice
  });

  it('fails a TCP connect to 192.0.2.1 at once, before it reaches the kernel', async () => {
    const started = performance.now();
    const socket = net.connect({ host: '192.0.2.1', port: 80 });
    // A real connect sets `connecting` synchronously; the guard never started one.
    expect(socket.connecting).toBe(false);
    const outcome = await connectOutcome(socket);
    // It fails on the next tick; the loose bound only allows for a loaded machine.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(outcome).toMatchObject({ code: GUARD, address: '192.0.2.1:80' });
    expect((outcome as Error).message).toMatch(
      /refused TCP connect to 192\.0\.2\.1:80: tests must stay on loopback/,
    );
  });

  it('covers every form of connect: (port, host), IPv6, fetch()', async () => {
    const plain = await connectOutcome(new net.Socket().connect(443, '2001:db8::1'));
    expect(plain).toMatchObject({ code: GUARD, address: '[2001:db8::1]:443' });
    const error = await fetch('http://192.0.2.1:8080/', {
      signal: AbortSignal.timeout(1_000),
    }).then(
      () => undefined,
      (failure: Error) => failure.cause,
    );
    expect(error).toMatchObject({ code: GUARD });
  });

  it('fails a connect to a host name /etc/hosts does not list (the lookup is refused)', async () => {
    const outcome = await connectOutcome(net.connect(80, 'example.com'));
    expect(outcome).toMatchObject({ code: GUARD, address: 'example.com' });
  });

  it('checks what a custom lookup resolved to, so a fake DNS on loopback still works', async () => {
    await using echo = await listenEcho();
    const toLoopback: net.LookupFunction = (_name, _options, callback) =>
      callback(null, [{ address: '127.0.0.1', family: 4 }]);
    const toInternet: net.LookupFunction = (_name, _options, callback) =>
      callback(null, [{ address: '192.0.2.7', family: 4 }]);
    const ok = net.connect({ host: 'api.test', port: echo.port, lookup: toLoopback });
    expect(await connectOutcome(ok)).toBe('connected');
    const refused = net.connect({ host: 'api.test', port: echo.port, lookup: toInternet });
    const outcome = await connectOutcome(refused);
    expect(outcome).toMatchObject({ code: GUARD, address: `192.0.2.7:${echo.port}` });
    expect((outcome as Error).message).toMatch(/resolved from api\.test/);
  });

  it('lets TCP connects to 127.0.0.1, localhost and ::1 through', async () => {
    await using echo = await listenEcho();
    expect(await connectOutcome(net.connect(echo.port, '127.0.0.1'))).toBe('connected');
    expect(await connectOutcome(net.connect(echo.port, 'localhost'))).toBe('connected');
    const v6 = net.createServer((socket) => socket.on('error', () => {}).end());
    v6.listen(0, '::1');
    await once(v6, 'listening');
    try {
      const { port } = v6.address() as net.AddressInfo;
      expect(await connectOutcome(net.connect(port, '::1'))).toBe('connected');
    } finally {
      await new Promise((resolve) => v6.close(resolve));
    }
  });

  it('fails a UDP send to 198.51.100.1, through the callback or the error event', async () => {
    const socket = dgram.createSocket('udp4');
    try {
      const viaCallback = await new Promise<Error | null>((resolve) =>
        socket.send('x', 53, '198.51.100.1', resolve),
      );
      expect(viaCallback).toMatchObject({ code: GUARD, address: '198.51.100.1:53' });
      socket.send(Buffer.from('xyz'), 0, 3, 9, '198.51.100.1');
      const [viaEvent] = await once(socket, 'error');
      expect(viaEvent).toMatchObject({ code: GUARD, address: '198.51.100.1:9' });
      // Node calls connect's callback with the error (its type says `() => void`).
      const connected = await new Promise<unknown>((resolve) =>
        socket.connect(9, '198.51.100.1', (...args: unknown[]) => resolve(args[0])),
      );
      expect(connected).toMatchObject({ code: GUARD });
    } finally {
      socket.close();
    }
  });

  it('lets UDP through on loopback', async () => {
    const receiver = dgram.createSocket('udp4');
    const sender = dgram.createSocket('udp4');
    try {
      receiver.bind(0, '127.0.0.1');
      await once(receiver, 'listening');
      const received = once(receiver, 'message');
      sender.send('ping', receiver.address().port, '127.0.0.1');
      const [message] = await within(received, 2_000, 'the datagram on loopback');
      expect(String(message)).toBe('ping');
    } finally {
      receiver.close();
      sender.close();
    }
  });

  it('refuses dns.lookup of a real name in every API style, but resolves localhost', async () => {
    const viaCallback = await new Promise<Error | null>((resolve) =>
      dns.lookup('example.com', resolve),
    );
    expect(viaCallback).toMatchObject({ code: GUARD, address: 'example.com' });
    await expect(dns.promises.lookup('example.com')).rejects.toMatchObject({ code: GUARD });
    // The ESM named export is a separate binding; the guard refreshes it.
    const viaImport = await new Promise<Error | null>((resolve) =>
      importedLookup('example.com', resolve),
    );
    expect(viaImport).toMatchObject({ code: GUARD });
    await expect(dns.promises.lookupService('192.0.2.1', 80)).rejects.toMatchObject({
      code: GUARD,
    });
    expect(await dns.promises.lookup('localhost', { family: 4 })).toEqual({
      address: '127.0.0.1',
      family: 4,
    });
  });

  it('refuses queries to a non-loopback DNS server (or the default one)', async () => {
    const resolver = new dns.promises.Resolver({ timeout: 200, tries: 1 });
    resolver.setServers(['203.0.113.53']);
    const error = await resolver.resolve4('example.com').catch((failure: Error) => failure);
    expect(error).toMatchObject({ code: GUARD, address: '203.0.113.53:53' });
    const callbackResolver = new dns.Resolver({ timeout: 200, tries: 1 });
    callbackResolver.setServers(['203.0.113.53:5353']);
    const viaCallback = await new Promise<Error | null>((resolve) =>
      callbackResolver.resolveTxt('example.com', (failure) => resolve(failure)),
    );
    expect(viaCallback).toMatchObject({ code: GUARD, address: '203.0.113.53:5353' });
    // The default servers come from /etc/resolv.conf: off the machine, or a stub on port 53.
    await expect(dns.promises.resolve4('example.com')).rejects.toMatchObject({ code: GUARD });
  });

  it("also guards the separate module 'node:dns/promises'", async () => {
    await expect(promisesLookup('example.com')).rejects.toMatchObject({
      code: GUARD,
      address: 'example.com',
    });
    const resolver = new PromisesResolver({ timeout: 200, tries: 1 });
    resolver.setServers(['[2001:db8::53]:53']);
    await expect(resolver.resolveMx('example.com')).rejects.toMatchObject({
      code: GUARD,
      address: '[2001:db8::53]:53',
    });
  });

  it('lets a Resolver query a DNS server on 127.0.0.1 (any name)', async () => {
    const fakeServer = dgram.createSocket('udp4');
    fakeServer.bind(0, '127.0.0.1');
    await once(fakeServer, 'listening');
    const resolver = new dns.promises.Resolver({ timeout: 500, tries: 1 });
    resolver.setServers([`127.0.0.1:${fakeServer.address().port}`]);
    try {
      const query = once(fakeServer, 'message');
      const answer = resolver.resolve4('anything.example').catch((failure: Error) => failure);
      const [packet] = await within(query, 2_000, "the resolver's query"); // it really left the resolver
      expect((packet as Buffer).includes(Buffer.from('anything'))).toBe(true);
      resolver.cancel();
      expect(await answer).toMatchObject({ code: 'ECANCELLED' });
    } finally {
      fakeServer.close();
    }
  });
});

describe('the loopback guard and the system resolver (only what /etc/hosts answers)', () => {
  /** The outcome of a lookup: the addresses, or the error's message. */
  const outcome = (lookup: Promise<dns.LookupAddress[]>) =>
    lookup.then(
      (answers) => answers.map((answer) => answer.address),
      (error: Error) => error.message,
    );

  it('refuses localhost for a family /etc/hosts does not list it for, saying why', async () => {
    // On the recording machine /etc/hosts has no ::1 line, so this is the refused branch; with
    // a ::1 line the lookup is answered from the file, and so it must pass.
    for (const family of [4, 6] as const) {
      const reason = systemLookupRefusal('localhost', family);
      const result = await outcome(dns.promises.lookup('localhost', { family, all: true }));
      if (reason === undefined) expect(result).not.toEqual(expect.any(String));
      else {
        expect(result).toBe(
          `loopback guard: refused DNS lookup of localhost: ${reason}: tests must not ask DNS; ` +
            "use an IP address, a name /etc/hosts lists for that family, or a Resolver pointed at testbed's fake DNS server (listenDns)",
        );
      }
    }
  });

  it('refuses localhost. (glibc keeps the dot, and no line matches it)', async () => {
    await expect(dns.promises.lookup('localhost.')).rejects.toMatchObject({
      code: GUARD,
      address: 'localhost.',
      message: expect.stringContaining('trailing dot of localhost.'),
    });
  });

  it("resolves this machine's name only for the families /etc/hosts lists it for", async () => {
    for (const family of [0, 4, 6] as const) {
      const reason = systemLookupRefusal(hostname(), family);
      const result = await outcome(dns.promises.lookup(hostname(), { family, all: true }));
      if (reason === undefined) expect(result).toEqual(expect.any(Array));
      else expect(result).toContain(reason);
    }
    await expect(dns.promises.lookup(`not-${hostname()}`)).rejects.toThrow(
      `/etc/hosts has no line for not-${hostname()}`,
    );
  });

  it('refuses the lookups net.connect and dgram make for a name it cannot answer locally', async () => {
    const reason = systemLookupRefusal('localhost', 6);
    if (reason === undefined) return; // this machine answers it from /etc/hosts
    const tcp = await connectOutcome(net.connect({ port: 9, host: 'localhost', family: 6 }));
    expect(tcp).toMatchObject({ code: GUARD, message: expect.stringContaining(reason) });
    const socket = dgram.createSocket('udp6');
    try {
      const sent = await new Promise<Error | null>((resolve) =>
        socket.send('x', 9, 'localhost', resolve),
      );
      expect(sent).toMatchObject({ code: GUARD, message: expect.stringContaining(reason) });
    } finally {
      socket.close();
    }
  });

  it('refuses a reverse lookup of an address /etc/hosts has no line for, loopback or not', async () => {
    for (const address of ['127.0.0.1', '::1', '127.0.0.2']) {
      const reason = systemReverseLookupRefusal(address);
      const result = await dns.promises.lookupService(address, 0).then(
        (answer) => answer.hostname,
        (error: Error) => error.message,
      );
      if (reason === undefined) expect(result).not.toContain('loopback guard');
      else expect(result).toContain(reason);
    }
  });
});

describe('the loopback guard in worker threads and on bare TCP handles', () => {
  /** Runs `code` in a worker (eval or file) and resolves with the first message it posts. */
  async function inWorker(code: string): Promise<unknown> {
    const worker = new Worker(code, { eval: true, execArgv: [] });
    try {
      return await within(
        new Promise((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
        10_000,
        "the worker's answer",
      );
    } finally {
      await worker.terminate();
    }
  }

  it('is installed in every worker thread, even one started with execArgv: []', async () => {
    const answer = await inWorker(`
      const { parentPort } = require('node:worker_threads');
      require('node:dns').lookup('example.com', (error) => parentPort.postMessage(error && error.code));
    `);
    expect(answer).toBe(GUARD);
  });

  it('refuses a connect on a bare tcp_wrap handle, in this thread and in a worker', async () => {
    const binding = (process as unknown as { binding(name: string): TcpWrap }).binding('tcp_wrap');
    const handle = new binding.TCP(binding.constants.SOCKET);
    try {
      expect(() => handle.connect(new binding.TCPConnectWrap(), '192.0.2.1', 80)).toThrow(
        /refused TCP connect to 192\.0\.2\.1:80/,
      );
      expect(() => handle.connect6(new binding.TCPConnectWrap(), '2001:db8::1', 80)).toThrow(
        /refused TCP connect to \[2001:db8::1\]:80/,
      );
    } finally {
      handle.close();
    }
    const answer = await inWorker(`
      const { parentPort } = require('node:worker_threads');
      const { TCP, TCPConnectWrap, constants } = process.binding('tcp_wrap');
      const handle = new TCP(constants.SOCKET);
      try { handle.connect(new TCPConnectWrap(), '192.0.2.1', 80); parentPort.postMessage('connected'); }
      catch (error) { parentPort.postMessage(error.code); }
      finally { handle.close(); }
    `);
    expect(answer).toBe(GUARD);
  });
});

/** The corner of Node's internal tcp_wrap binding these tests touch. */
interface TcpWrap {
  TCP: new (
    type: number,
  ) => {
    connect(request: object, address: string, port: number): number;
    connect6(request: object, address: string, port: number): number;
    close(): void;
  };
  TCPConnectWrap: new () => object;
  constants: { SOCKET: number };
}
