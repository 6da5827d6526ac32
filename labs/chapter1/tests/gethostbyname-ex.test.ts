import type { Resolver } from 'node:dns/promises';
import { listenDns } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import { gethostbynameEx } from '../exercises/gethostbyname-ex.ts';

const records = {
  'web.test': { A: ['192.0.2.7', '192.0.2.8'] },
  'cdn.web.test': { CNAME: 'web.test' },
  'www.web.test': { CNAME: 'cdn.web.test' },
  'loop-a.test': { CNAME: 'loop-b.test' },
  'loop-b.test': { CNAME: 'loop-a.test' },
  // A chain of 11 CNAMEs, hop0.test → hop1.test → … → hop11.test: longer than the 8 you follow.
  ...Object.fromEntries(
    Array.from({ length: 11 }, (_, i) => [`hop${i}.test`, { CNAME: `hop${i + 1}.test` }]),
  ),
  'hop11.test': { A: ['192.0.2.11'] },
};

/** How many CNAME questions the fake server received. */
const cnameQuestions = (dns: { queries: readonly { type: string }[] }): number =>
  dns.queries.filter((q) => q.type === 'CNAME').length;

/** The code a promise rejects with (or what it resolved with, if it does not). */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    return `resolved with ${JSON.stringify(await promise)}`;
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

  it("rejects with the resolver's own code when a question fails: a failure is not an answer", async () => {
    await using dns = await listenDns({ records });
    // The fake server's resolver, with one kind of question failing (SERVFAIL).
    const failing = (method: 'resolveCname' | 'resolve4'): Resolver => {
      const fail = async (name: string): Promise<string[]> => {
        throw Object.assign(new Error(`${method} ESERVFAIL ${name}`), { code: 'ESERVFAIL' });
      };
      return Object.assign(Object.create(dns.resolver()) as Resolver, { [method]: fail });
    };
    // A failed CNAME question does not mean "no CNAME here"; a failed A question, "no address".
    expect(await codeOf(gethostbynameEx('www.web.test', failing('resolveCname')))).toBe(
      'ESERVFAIL',
    );
    expect(await codeOf(gethostbynameEx('www.web.test', failing('resolve4')))).toBe('ESERVFAIL');
  });

  it("gives up on a CNAME loop with code 'ENODATA' instead of hanging", async () => {
    await using dns = await listenDns({ records });
    let failure: unknown;
    const outcome = await Promise.race([
      gethostbynameEx('loop-a.test', dns.resolver()).then(
        (entry) => `resolved with ${JSON.stringify(entry)}`,
        (error: NodeJS.ErrnoException) => {
          failure = error;
          return String(error.code);
        },
      ),
      new Promise((resolve) => setTimeout(() => resolve('hung for 3 s'), 3_000).unref()),
    ]);
    expect(outcome).toBe('ENODATA');
    expect(String(failure), 'the error should name the name asked about').toContain('loop-a.test');
    expect(cnameQuestions(dns), 'CNAME questions asked (follow at most 8)').toBeLessThanOrEqual(8);
  });

  it('follows at most 8 CNAMEs of a longer chain', async () => {
    await using dns = await listenDns({ records });
    expect(await codeOf(gethostbynameEx('hop0.test', dns.resolver()))).toBe('ENODATA');
    expect(cnameQuestions(dns), 'CNAME questions asked (follow at most 8)').toBeLessThanOrEqual(8);
  });
});
