import type { Resolver } from 'node:dns/promises';
import { type DnsServer, listenDns } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import { gethostbyaddr, reverseName } from '../exercises/reverse-lookup.ts';

const records = {
  '192.0.2.7': { PTR: ['web.test', 'www.web.test'] },
  '2001:db8::7': { PTR: ['web6.test'] },
};

/**
 * The fake server's resolver with reverse() switched off: resolver.reverse(address) builds the
 * reverse name itself, and building it is the exercise. Every other method works as usual.
 */
function ptrOnly(dns: DnsServer): Resolver {
  const resolver = dns.resolver();
  const reverse = async (address: string): Promise<string[]> => {
    throw new Error(
      `gethostbyaddr called resolver.reverse(${JSON.stringify(address)}): build the name with reverseName() and ask resolver.resolvePtr(name)`,
    );
  };
  return Object.assign(Object.create(resolver) as Resolver, { reverse });
}

/** Every question the fake server received, as 'TYPE name'. */
const asked = (dns: DnsServer): string[] => dns.queries.map((q) => `${q.type} ${q.name}`);

describe('reverseName', () => {
  it('reverses the four IPv4 octets under in-addr.arpa', () => {
    expect(reverseName('192.0.2.7')).toBe('7.2.0.192.in-addr.arpa');
    expect(reverseName('10.20.30.40')).toBe('40.30.20.10.in-addr.arpa');
  });

  it('writes the 32 IPv6 nibbles last-first under ip6.arpa, expanding ::', () => {
    expect(reverseName('2001:db8::7')).toBe(
      '7.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
    );
    expect(reverseName('::1')).toBe(`1${'.0'.repeat(31)}.ip6.arpa`);
    // RFC 3596 §2.5's example, written in full and upper case.
    expect(reverseName('4321:0:1:2:3:4:567:89AB')).toBe(
      'b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa',
    );
  });

  it('writes an IPv4-mapped address (::ffff:a.b.c.d) as the IPv6 address it is', () => {
    // ::ffff:198.51.100.10 = 0:0:0:0:0:ffff:c633:640a: the dotted tail is two more groups.
    expect(reverseName('::ffff:198.51.100.10')).toBe(
      `a.0.4.6.3.3.6.c.f.f.f.f${'.0'.repeat(20)}.ip6.arpa`,
    );
    expect(reverseName('2001:db8:0:0:1::')).toBe(
      `${'0.'.repeat(12)}1.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa`,
    );
  });

  it('refuses something that is not an address with a TypeError naming it', () => {
    expect(() => reverseName('web.test')).toThrow(TypeError);
    expect(() => reverseName('web.test')).toThrow(/web\.test/);
    expect(() => reverseName('192.0.2')).toThrow(TypeError);
  });
});

describe('gethostbyaddr', () => {
  it('asks a PTR question about the reverse name and splits host name and aliases', async () => {
    await using dns = await listenDns({ records });
    expect(await gethostbyaddr('192.0.2.7', ptrOnly(dns))).toEqual([
      'web.test',
      ['www.web.test'],
      ['192.0.2.7'],
    ]);
    expect(asked(dns), 'the questions your code asked the DNS server').toEqual([
      'PTR 7.2.0.192.in-addr.arpa',
    ]);
  });

  it('works for IPv6 addresses', async () => {
    await using dns = await listenDns({ records });
    expect(await gethostbyaddr('2001:db8::7', ptrOnly(dns))).toEqual([
      'web6.test',
      [],
      ['2001:db8::7'],
    ]);
    expect(asked(dns), 'the questions your code asked the DNS server').toEqual([
      'PTR 7.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
    ]);
  });

  it("rejects with code 'ENOTFOUND' for an address without a name", async () => {
    await using dns = await listenDns({ records });
    const code = await gethostbyaddr('192.0.2.99', ptrOnly(dns)).then(
      (entry) => `resolved with ${JSON.stringify(entry)}`,
      (error: NodeJS.ErrnoException) => String(error.code),
    );
    expect(code).toBe('ENOTFOUND');
    expect(asked(dns), 'the questions your code asked the DNS server').toEqual([
      'PTR 99.2.0.192.in-addr.arpa',
    ]);
  });
});
