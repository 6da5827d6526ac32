import { promises as dnsPromises } from 'node:dns';
import { existsSync } from 'node:fs';
import { listenDns } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import {
  type AddrInfo,
  AI_ADDRCONFIG,
  AI_CANONNAME,
  AI_NUMERICHOST,
  AI_NUMERICSERV,
  AI_PASSIVE,
  AI_V4MAPPED,
  eaiCode,
  GaiError,
  getaddrinfo,
} from '../../src/resolution/index.ts';

/** The error a promise rejects with (the test fails if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<GaiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GaiError);
  return error as GaiError;
}

const zone = {
  'web.test': { A: ['192.0.2.7', '192.0.2.8'], AAAA: ['2001:db8::7'] },
  'www.web.test': { CNAME: 'cdn.web.test' },
  'cdn.web.test': { CNAME: 'web.test' },
  'v4only.test': { A: ['192.0.2.9'] },
  'noaddr.test': { TXT: ['no addresses here'] },
};

describe('getaddrinfo on the system path (dns.lookup, like Python)', () => {
  it('gives one tuple per address and socket type for localhost, in the order the OS returns', async () => {
    // The reference is the operating system's own answer through Node, so this holds on any machine.
    const os = await dnsPromises.lookup('localhost', { all: true, order: 'verbatim' });
    const expected: AddrInfo[] = os.flatMap(({ address, family }): AddrInfo[] => {
      const f = family === 6 ? 'AF_INET6' : 'AF_INET';
      return [
        [f, 'SOCK_STREAM', 6, '', [address, 80]],
        [f, 'SOCK_DGRAM', 17, '', [address, 80]],
      ];
    });
    expect(await getaddrinfo('localhost', 80)).toEqual(expected);
  });

  it('filters by type and proto, and accepts a numeric string port', async () => {
    const stream = await getaddrinfo('127.0.0.1', '8080', { type: 'SOCK_STREAM' });
    expect(stream).toEqual([['AF_INET', 'SOCK_STREAM', 6, '', ['127.0.0.1', 8080]]]);
    const udp = await getaddrinfo('::1', 53, { proto: 17 });
    expect(udp).toEqual([['AF_INET6', 'SOCK_DGRAM', 17, '', ['::1', 53]]]);
  });

  it('answers a null host with the loopback addresses, or the wildcards with AI_PASSIVE', async () => {
    const loopback = await getaddrinfo(null, 80, { type: 'SOCK_STREAM' });
    expect(loopback.map(([, , , , sockaddr]) => sockaddr[0])).toEqual(['::1', '127.0.0.1']);
    const wildcard = await getaddrinfo(null, 8080, { flags: AI_PASSIVE, family: 'AF_INET' });
    expect(wildcard).toEqual([
      ['AF_INET', 'SOCK_STREAM', 6, '', ['0.0.0.0', 8080]],
      ['AF_INET', 'SOCK_DGRAM', 17, '', ['0.0.0.0', 8080]],
    ]);
    expect((await rejection(getaddrinfo(null, null))).eai).toBe('EAI_NONAME');
  });

  it('refuses an IP literal of the other family (Node would ignore family), unless AI_V4MAPPED maps it', async () => {
    const wrong = await rejection(getaddrinfo('::1', 80, { family: 'AF_INET' }));
    expect(wrong.code).toBe('EAI_ADDRFAMILY');
    expect(wrong.message).toContain('::1 is an IPv6 address');
    const mapped = await getaddrinfo('127.0.0.1', 80, {
      family: 'AF_INET6',
      flags: AI_V4MAPPED,
      type: 'SOCK_STREAM',
    });
    expect(mapped).toEqual([['AF_INET6', 'SOCK_STREAM', 6, '', ['::ffff:127.0.0.1', 80]]]);
  });

  it('puts the canonical name on the first tuple only, for literals', async () => {
    const result = await getaddrinfo('127.0.0.1', 80, { flags: AI_CANONNAME });
    expect(result.map(([, , , canonname]) => canonname)).toEqual(['127.0.0.1', '']);
  });

  it('says plainly that AI_CANONNAME cannot work through dns.lookup', async () => {
    const error = await rejection(getaddrinfo('localhost', 80, { flags: AI_CANONNAME }));
    expect(error.code).toBe('EAI_BADFLAGS');
    expect(error.message).toMatch(/dns\.lookup does not return the canonical name/);
  });

  it('honours AI_NUMERICHOST and AI_NUMERICSERV without asking any resolver', async () => {
    expect((await rejection(getaddrinfo('localhost', 80, { flags: AI_NUMERICHOST }))).code).toBe(
      'ENOTFOUND',
    );
    expect((await rejection(getaddrinfo('127.0.0.1', 'http', { flags: AI_NUMERICSERV }))).eai).toBe(
      'EAI_NONAME',
    );
    expect(
      await getaddrinfo('127.0.0.1', '80', {
        flags: AI_NUMERICHOST | AI_NUMERICSERV,
        type: 'SOCK_STREAM',
      }),
    ).toHaveLength(1);
  });

  it.skipIf(!existsSync('/etc/services'))(
    'looks service names up in /etc/services, per protocol',
    async () => {
      const http = await getaddrinfo('127.0.0.1', 'http', { type: 'SOCK_STREAM' });
      expect(http).toEqual([['AF_INET', 'SOCK_STREAM', 6, '', ['127.0.0.1', 80]]]);
      const error = await rejection(getaddrinfo('127.0.0.1', 'no-such-service-netprog'));
      expect(error.code).toBe('EAI_SERVICE');
    },
  );

  it('rejects bad arguments with errors that name the value', async () => {
    expect((await rejection(getaddrinfo('127.0.0.1', 80, { flags: 0x10000 }))).code).toBe(
      'EAI_BADFLAGS',
    );
    expect((await rejection(getaddrinfo('127.0.0.1', 80, { proto: 132 }))).message).toMatch(
      /only TCP .* and UDP/,
    );
    expect(
      (await rejection(getaddrinfo('127.0.0.1', 80, { type: 'SOCK_STREAM', proto: 17 }))).code,
    ).toBe('EAI_SOCKTYPE');
    await expect(getaddrinfo('127.0.0.1', 70000)).rejects.toThrow(/0 to 65535, got 70000/);
    expect((await rejection(getaddrinfo('', 80))).code).toBe('ENOTFOUND');
  });
});

describe('getaddrinfo on the DNS path ({ resolver }, testbed fake DNS server)', () => {
  it('asks AAAA and A, lists IPv6 answers first, and filters by family', async () => {
    await using dns = await listenDns({ records: zone });
    const resolver = dns.resolver();
    const all = await getaddrinfo('web.test', 443, { resolver, type: 'SOCK_STREAM' });
    expect(all.map(([family, , , , [host]]) => `${family} ${host}`)).toEqual([
      'AF_INET6 2001:db8::7',
      'AF_INET 192.0.2.7',
      'AF_INET 192.0.2.8',
    ]);
    const v4 = await getaddrinfo('web.test', 443, {
      resolver,
      family: 'AF_INET',
      type: 'SOCK_STREAM',
    });
    expect(v4.map(([, , , , [host]]) => host)).toEqual(['192.0.2.7', '192.0.2.8']);
    // A name with only A records still works when both families are asked for.
    expect(await getaddrinfo('v4only.test', 80, { resolver, type: 'SOCK_DGRAM' })).toEqual([
      ['AF_INET', 'SOCK_DGRAM', 17, '', ['192.0.2.9', 80]],
    ]);
  });

  it('follows CNAME records for AI_CANONNAME', async () => {
    await using dns = await listenDns({ records: zone });
    const result = await getaddrinfo('www.web.test', 80, {
      resolver: dns.resolver(),
      flags: AI_CANONNAME,
      family: 'AF_INET',
      type: 'SOCK_STREAM',
    });
    expect(result).toEqual([
      ['AF_INET', 'SOCK_STREAM', 6, 'web.test', ['192.0.2.7', 80]],
      ['AF_INET', 'SOCK_STREAM', 6, '', ['192.0.2.8', 80]],
    ]);
  });

  it('turns NXDOMAIN into a GaiError ENOTFOUND carrying what Python would print', async () => {
    await using dns = await listenDns({ records: zone });
    const error = await rejection(getaddrinfo('madeupnameblag', 80, { resolver: dns.resolver() }));
    expect(error.code).toBe('ENOTFOUND');
    expect(error.eai).toBe('EAI_NONAME');
    // The platform's number, from the table (-2 with glibc, 8 on macOS): never written out here.
    expect(error.errno).toBe(eaiCode('EAI_NONAME').errno);
    expect(error.hostname).toBe('madeupnameblag');
    expect(error.message).toContain('"madeupnameblag"');
    expect(error.message).toContain('socket.gaierror');
  });

  it('reports a name with no addresses as ENODATA, not as a missing name', async () => {
    await using dns = await listenDns({ records: zone });
    const error = await rejection(getaddrinfo('noaddr.test', 80, { resolver: dns.resolver() }));
    expect(error.code).toBe('ENODATA');
    expect(error.eai).toBe('EAI_NODATA');
  });

  it('believes a hijacking resolver: the lie is indistinguishable from an answer', async () => {
    await using isp = await listenDns({ records: zone, hijack: '203.0.113.7' });
    const result = await getaddrinfo('madeupnameblag', 80, {
      resolver: isp.resolver(),
      type: 'SOCK_STREAM',
    });
    expect(result).toEqual([['AF_INET', 'SOCK_STREAM', 6, '', ['203.0.113.7', 80]]]);
  });

  it('refuses OS-only hint flags on the DNS path', async () => {
    await using dns = await listenDns({ records: zone });
    const error = await rejection(
      getaddrinfo('web.test', 80, { resolver: dns.resolver(), flags: AI_ADDRCONFIG }),
    );
    expect(error.code).toBe('EAI_BADFLAGS');
    expect(error.message).toContain('AI_ADDRCONFIG');
    expect(dns.queries).toHaveLength(0);
  });

  it('gives up after options.timeout even when the resolver would wait longer', async () => {
    await using slow = await listenDns({ records: zone, delayMs: 2_000 });
    const started = performance.now();
    const error = await rejection(
      getaddrinfo('web.test', 80, { resolver: slow.resolver({ timeoutMs: 3_000 }), timeout: 100 }),
    );
    expect(error.code).toBe('ETIMEOUT');
    expect(error.eai).toBe('EAI_AGAIN');
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
