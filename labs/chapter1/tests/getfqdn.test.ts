import { gethostbyaddr as socketCoreGethostbyaddr } from '@netprog/socket-core';
import { listenDns } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import { type FqdnDeps, getfqdn, type HostEntry } from '../exercises/getfqdn.ts';

/** Stand-ins that record what they were asked. */
function deps(answer: HostEntry | Error, hostname = 'vm'): FqdnDeps & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    gethostname: () => hostname,
    gethostbyaddr: async (name) => {
      asked.push(name);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

const notFound = (): Error =>
  Object.assign(new Error('getHostByAddr ENOTFOUND'), { code: 'ENOTFOUND' });

describe('getfqdn', () => {
  it('returns the host name from gethostbyaddr when it contains a dot', async () => {
    const d = deps(['web.test', ['www.web.test'], ['192.0.2.7']]);
    expect(await getfqdn('192.0.2.7', d)).toBe('web.test');
    expect(d.asked).toEqual(['192.0.2.7']);
  });

  it('returns the first alias with a dot when the host name has none', async () => {
    expect(
      await getfqdn('192.0.2.7', deps(['web', ['www', 'web.lab.test', 'x.test'], ['192.0.2.7']])),
    ).toBe('web.lab.test');
  });

  it("returns gethostbyaddr's host name (not the name passed in) when no name has a dot", async () => {
    expect(await getfqdn('127.0.0.1', deps(['localhost', ['loopback'], ['127.0.0.1']]))).toBe(
      'localhost',
    );
    expect(await getfqdn('myname', deps(['localhost', [], ['127.0.0.1']]))).toBe('localhost');
  });

  it('returns the name unchanged (trimmed) when gethostbyaddr fails', async () => {
    expect(await getfqdn('  madeupnameblag ', deps(notFound()))).toBe('madeupnameblag');
  });

  it("uses gethostname() for an empty name, '0.0.0.0' and '::'", async () => {
    for (const name of ['', '   ', '0.0.0.0', '::']) {
      const d = deps(['box', ['box.lab.test'], ['192.0.2.50']], 'box');
      expect(await getfqdn(name, d)).toBe('box.lab.test');
      expect(d.asked).toEqual(['box']);
    }
    expect(await getfqdn('', deps(notFound(), 'lonely'))).toBe('lonely');
  });

  it("works with socket-core's gethostbyaddr against a DNS server", async () => {
    await using dns = await listenDns({
      records: {
        'web.test': { A: ['192.0.2.7'] },
        '192.0.2.7': { PTR: ['web', 'web.lab.test'] },
      },
    });
    const resolver = dns.resolver();
    const real: FqdnDeps = {
      gethostname: () => 'web.test',
      gethostbyaddr: (name) => socketCoreGethostbyaddr(name, { resolver }),
    };
    expect(await getfqdn('192.0.2.7', real)).toBe('web.lab.test');
    expect(await getfqdn('', real)).toBe('web.lab.test');
    expect(await getfqdn('nope.test', real)).toBe('nope.test');
  });
});
