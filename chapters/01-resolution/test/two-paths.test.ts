import { promises as dnsPromises } from 'node:dns';
import { listenDns } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import { bothPaths, describeAnswer, sameAnswer } from '../src/two-paths.ts';

describe('bothPaths', () => {
  it('shows that the DNS path never reads /etc/hosts: localhost is unknown to a DNS server', async () => {
    await using dns = await listenDns({ records: { 'web.test': { A: ['192.0.2.7'] } } });
    const answers = await bothPaths('localhost', dns.resolver());
    const os = await dnsPromises.lookup('localhost', { all: true });
    expect(answers.system).toEqual({ addresses: os.map((a) => a.address) });
    expect(answers.dns).toEqual({ code: 'ENOTFOUND' });
    expect(answers.agree).toBe(false);
    expect(dns.queries.map((q) => `${q.type} ${q.name}`).sort()).toEqual([
      'A localhost',
      'AAAA localhost',
    ]);
  });

  it('shows the two paths disagreeing when a DNS server says something else for a hosts-file name', async () => {
    await using dns = await listenDns({ records: { localhost: { A: ['127.0.0.53'] } } });
    const answers = await bothPaths('localhost', dns.resolver());
    expect(answers.dns).toEqual({ addresses: ['127.0.0.53'] });
    expect(answers.agree).toBe(false);
  });

  it('does not ask the operating system when told why it would leave the machine', async () => {
    await using dns = await listenDns({ records: { 'web.test': { A: ['192.0.2.7'] } } });
    const answers = await bothPaths('web.test', dns.resolver(), 'no line for web.test');
    expect(answers.system).toEqual({ notRun: 'no line for web.test' });
    expect(answers.dns).toEqual({ addresses: ['192.0.2.7'] });
    expect(answers.agree).toBe(false);
    expect(describeAnswer(answers.system)).toBe('(not run: no line for web.test)');
  });

  it('agrees when DNS gives the same addresses as the hosts file', async () => {
    const os = await dnsPromises.lookup('localhost', { all: true });
    const v4 = os.filter((a) => a.family === 4).map((a) => a.address);
    const v6 = os.filter((a) => a.family === 6).map((a) => a.address);
    await using dns = await listenDns({ records: { localhost: { A: v4, AAAA: v6 } } });
    expect((await bothPaths('localhost', dns.resolver())).agree).toBe(true);
  });
});

describe('sameAnswer and describeAnswer', () => {
  it('compare address sets regardless of order, and failures by code', () => {
    expect(
      sameAnswer({ addresses: ['::1', '127.0.0.1'] }, { addresses: ['127.0.0.1', '::1'] }),
    ).toBe(true);
    expect(sameAnswer({ addresses: ['127.0.0.1'] }, { addresses: ['127.0.0.1', '::1'] })).toBe(
      false,
    );
    expect(sameAnswer({ code: 'ENOTFOUND' }, { code: 'ENOTFOUND' })).toBe(true);
    expect(sameAnswer({ code: 'ENOTFOUND' }, { addresses: [] })).toBe(false);
    expect(describeAnswer({ addresses: ['127.0.0.1', '::1'] })).toBe('127.0.0.1, ::1');
    expect(describeAnswer({ code: 'ETIMEOUT' })).toBe('fails: ETIMEOUT');
  });
});
