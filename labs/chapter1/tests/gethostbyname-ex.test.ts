import { listenDns } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import { gethostbynameEx } from '../exercises/gethostbyname-ex.ts';

const records = {
  'web.test': { A: ['192.0.2.7', '192.0.2.8'] },
  'cdn.web.test': { CNAME: 'web.test' },
  'www.web.test': { CNAME: 'cdn.web.test' },
  'loop-a.test': { CNAME: 'loop-b.test' },
  'loop-b.test': { CNAME: 'loop-a.test' },
};

/** The code a promise rejects with ('resolved' if it does not). */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return String((error as NodeJS.ErrnoException).code);
  }
}

describe('gethostbynameEx', () => {
  it('gives [name, [], addresses] for a canonical name', async () => {
    await using dns = await listenDns({ records });
    expect(await gethostbynameEx('web.test', dns.resolver())).toEqual([
      'web.test',
      [],
      ['192.0.2.7', '192.0.2.8'],
    ]);
  });

  it('follows one CNAME: the canonical name first, the alias in the list', async () => {
    await using dns = await listenDns({ records });
    expect(await gethostbynameEx('cdn.web.test', dns.resolver())).toEqual([
      'web.test',
      ['cdn.web.test'],
      ['192.0.2.7', '192.0.2.8'],
    ]);
  });

  it('follows a chain of CNAMEs, listing every alias in order', async () => {
    await using dns = await listenDns({ records });
    expect(await gethostbynameEx('www.web.test', dns.resolver())).toEqual([
      'web.test',
      ['www.web.test', 'cdn.web.test'],
      ['192.0.2.7', '192.0.2.8'],
    ]);
    expect(dns.queries.some((q) => q.type === 'CNAME')).toBe(true);
  });

  it('answers an IPv4 literal itself, without any query', async () => {
    await using dns = await listenDns({ records });
    expect(await gethostbynameEx('192.0.2.99', dns.resolver())).toEqual([
      '192.0.2.99',
      [],
      ['192.0.2.99'],
    ]);
    expect(dns.queries).toEqual([]);
  });

  it("rejects with code 'ENOTFOUND' for a name that does not exist", async () => {
    await using dns = await listenDns({ records });
    expect(await codeOf(gethostbynameEx('madeupnameblag', dns.resolver()))).toBe('ENOTFOUND');
  });

  it("gives up on a CNAME loop with code 'ENODATA' instead of hanging", async () => {
    await using dns = await listenDns({ records });
    const outcome = await Promise.race([
      codeOf(gethostbynameEx('loop-a.test', dns.resolver())),
      new Promise((resolve) => setTimeout(() => resolve('hung for 3 s'), 3_000).unref()),
    ]);
    expect(outcome).toBe('ENODATA');
    expect(dns.queries.filter((q) => q.type === 'CNAME').length).toBeLessThanOrEqual(10);
  });
});
