import { promises as dnsPromises } from 'node:dns';
import os from 'node:os';
import { listenDns } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import {
  eaiCode,
  GaiError,
  getfqdn,
  gethostbyaddr,
  gethostbyname,
  gethostbyname_ex,
  gethostname,
} from '../../src/resolution/index.ts';

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
  '192.0.2.7': { PTR: ['web.test', 'www.web.test'] },
  '192.0.2.8': { PTR: ['plainname'] },
  '2001:db8::7': { PTR: ['web6.test'] },
  'v6only.test': { AAAA: ['2001:db8::7'] },
};

describe('gethostbyname and gethostbyname_ex', () => {
  it('resolve localhost to the first IPv4 address the operating system gives', async () => {
    const os4 = await dnsPromises.lookup('localhost', { all: true, family: 4 });
    expect(await gethostbyname('localhost')).toBe(os4[0]?.address);
    expect(await gethostbyname_ex('localhost')).toEqual([
      'localhost',
      [],
      os4.map((a) => a.address),
    ]);
  });

  it('return IPv4 literals unchanged and refuse IPv6 (they are IPv4-only calls)', async () => {
    expect(await gethostbyname('127.0.0.1')).toBe('127.0.0.1');
    expect(await gethostbyname_ex('127.0.0.1')).toEqual(['127.0.0.1', [], ['127.0.0.1']]);
    const error = await rejection(gethostbyname('::1'));
    expect(error.code).toBe('EAI_ADDRFAMILY');
    expect(error.errno).toBe(eaiCode('EAI_ADDRFAMILY').errno);
  });

  it('on the DNS path, report the CNAME chain as Python does: canonical name, then the aliases', async () => {
    await using dns = await listenDns({ records: zone });
    const resolver = dns.resolver();
    expect(await gethostbyname_ex('www.web.test', { resolver })).toEqual([
      'web.test',
      ['www.web.test', 'cdn.web.test'],
      ['192.0.2.7', '192.0.2.8'],
    ]);
    expect(await gethostbyname('www.web.test', { resolver })).toBe('192.0.2.7');
  });

  it('fail with ENOTFOUND for a name that does not exist, and ENODATA for one with no IPv4', async () => {
    await using dns = await listenDns({ records: zone });
    const resolver = dns.resolver();
    expect((await rejection(gethostbyname('madeupnameblag', { resolver }))).code).toBe('ENOTFOUND');
    expect((await rejection(gethostbyname('v6only.test', { resolver }))).code).toBe('ENODATA');
  });

  it('return whatever a hijacking resolver invents', async () => {
    await using isp = await listenDns({ hijack: '203.0.113.7' });
    expect(await gethostbyname('madeupnameblag', { resolver: isp.resolver() })).toBe('203.0.113.7');
  });
});

describe('gethostbyaddr', () => {
  it('finds the name of 127.0.0.1 through getnameinfo, as dns.lookupService does', async () => {
    const { hostname } = await dnsPromises.lookupService('127.0.0.1', 0);
    expect(await gethostbyaddr('127.0.0.1')).toEqual([hostname, [], ['127.0.0.1']]);
  });

  it('on the DNS path asks for PTR records: the first name is the host name, the rest aliases', async () => {
    await using dns = await listenDns({ records: zone });
    const resolver = dns.resolver();
    expect(await gethostbyaddr('192.0.2.7', { resolver })).toEqual([
      'web.test',
      ['www.web.test'],
      ['192.0.2.7'],
    ]);
    expect(await gethostbyaddr('2001:db8::7', { resolver })).toEqual([
      'web6.test',
      [],
      ['2001:db8::7'],
    ]);
    expect(dns.queries.map((q) => q.name)).toEqual([
      '7.2.0.192.in-addr.arpa',
      '7.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
    ]);
  });

  it('resolves a host name first, then looks its (first) address up', async () => {
    await using dns = await listenDns({ records: zone });
    expect(
      await gethostbyaddr('v6only.test', {
        resolver: dns.resolver(),
      }),
    ).toEqual(['web6.test', [], ['2001:db8::7']]);
  });

  it('fails with ENOTFOUND for an address nobody named', async () => {
    await using dns = await listenDns({ records: zone });
    const error = await rejection(gethostbyaddr('192.0.2.99', { resolver: dns.resolver() }));
    expect(error.code).toBe('ENOTFOUND');
    expect(error.hostname).toBe('192.0.2.99');
    // Python's gethostbyaddr reports a failed reverse lookup through h_errno, as herror, not as
    // gaierror (checked against Python in chapter 1's python-failures.test.ts).
    expect(error.message).toMatch(/\(Python: socket\.herror \[Errno 1\] Unknown host\)$/);
  });

  it('fails like Python, with gaierror, when the NAME it was given does not resolve', async () => {
    await using dns = await listenDns({ records: zone });
    const error = await rejection(gethostbyaddr('nope.test', { resolver: dns.resolver() }));
    expect(error.code).toBe('ENOTFOUND');
    expect(error.message).toMatch(/\(Python: socket\.gaierror \[Errno (-2|8)\] /);
  });
});

describe('gethostname and getfqdn', () => {
  it('gethostname is os.hostname()', () => {
    expect(gethostname()).toBe(os.hostname());
  });

  it('getfqdn picks the first dotted name among the host name and aliases', async () => {
    await using dns = await listenDns({ records: zone });
    expect(await getfqdn('192.0.2.7', { resolver: dns.resolver() })).toBe('web.test');
  });

  it('getfqdn falls back to the host name from gethostbyaddr when no name has a dot', async () => {
    await using dns = await listenDns({ records: zone });
    expect(await getfqdn('192.0.2.8', { resolver: dns.resolver() })).toBe('plainname');
  });

  it('getfqdn returns the name unchanged when gethostbyaddr fails', async () => {
    await using dns = await listenDns({ records: zone });
    expect(await getfqdn('madeupnameblag', { resolver: dns.resolver() })).toBe('madeupnameblag');
    expect(await getfqdn('  192.0.2.99 ', { resolver: dns.resolver() })).toBe('192.0.2.99');
  });

  it("getfqdn with no name (or '0.0.0.0', '::') means this machine: gethostname()", async () => {
    const me = os.hostname();
    await using dns = await listenDns({
      records: { [me]: { A: ['192.0.2.50'] }, '192.0.2.50': { PTR: [`${me}.lab.test`] } },
    });
    const resolver = dns.resolver();
    for (const name of ['', '0.0.0.0', '::'])
      expect(await getfqdn(name, { resolver })).toBe(`${me}.lab.test`);
  });
});
