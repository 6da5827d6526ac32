import { Resolver } from 'node:dns/promises';
import { closedUdpPort, type DnsServer, listenDns } from '@netprog/testbed';
import { describe, expect, it } from 'vitest';
import { detectHijacking } from '../exercises/hijack-detector.ts';

/** The address the lying resolver gives every unknown name (TEST-NET-3, RFC 5737). */
const ADS_SERVER = '203.0.113.7';

/** The names of the A questions the fake server received, in order. */
const askedA = (dns: DnsServer): string[] =>
  dns.queries.filter((q) => q.type === 'A').map((q) => q.name);

/** How a detection ends: the error code it rejects with, or the report it resolves with. */
const outcome = (detection: Promise<unknown>): Promise<string> =>
  detection.then(
    (report) => `resolved with ${JSON.stringify(report)}`,
    (error: NodeJS.ErrnoException) => String(error.code),
  );

describe('detectHijacking', () => {
  it('finds an honest resolver honest, after asking about 3 random .invalid names', async () => {
    await using honest = await listenDns();
    const report = await detectHijacking(honest.resolver());
    expect(report.hijacked).toBe(false);
    expect(report.addresses).toEqual([]);
    expect(report.probes).toHaveLength(3);
    expect(askedA(honest), 'the names the server was asked about').toEqual(report.probes);
  });

  it('catches a hijacking resolver and reports the invented address once', async () => {
    await using isp = await listenDns({ hijack: ADS_SERVER });
    const report = await detectHijacking(isp.resolver());
    expect(report).toEqual({ hijacked: true, probes: report.probes, addresses: [ADS_SERVER] });
    expect(report.probes).toHaveLength(3);
    // `probes` is what was really asked: every one of them, even after the first lie.
    expect(askedA(isp), 'the names the server was asked about').toEqual(report.probes);
  });

  it('probes with names that cannot exist: random labels under .invalid, never the same twice', async () => {
    await using isp = await listenDns({ hijack: ADS_SERVER });
    const first = await detectHijacking(isp.resolver(), 4);
    const second = await detectHijacking(isp.resolver(), 4);
    const all = [...first.probes, ...second.probes];
    expect(all).toHaveLength(8);
    expect(new Set(all).size).toBe(8);
    for (const name of all) {
      expect(name).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)*\.invalid$/i);
      expect(name.length - '.invalid'.length).toBeGreaterThanOrEqual(8);
    }
  });

  it('does not mistake a real name for a lie: known names are not probed', async () => {
    await using honest = await listenDns({ records: { 'web.test': { A: ['192.0.2.7'] } } });
    expect((await detectHijacking(honest.resolver(), 2)).hijacked).toBe(false);
    expect(honest.queries.every((q) => q.name.endsWith('.invalid'))).toBe(true);
  });

  it('refuses to judge a resolver that does not answer: rejects with its error code', async () => {
    await using silent = await listenDns({ delayMs: 3_000 });
    const started = performance.now();
    const code = await outcome(detectHijacking(silent.resolver({ timeoutMs: 100 }), 2));
    expect(code).toBe('ETIMEOUT');
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('refuses to judge a resolver that refuses the query: rejects with its ECONNREFUSED', async () => {
    // Nothing listens on this UDP port: the kernel answers the query with "port unreachable".
    await using closed = await closedUdpPort();
    const refusing = new Resolver({ timeout: 1_000, tries: 1 });
    refusing.setServers([`${closed.host}:${closed.port}`]);
    try {
      expect(await outcome(detectHijacking(refusing, 2))).toBe('ECONNREFUSED');
    } finally {
      refusing.cancel();
    }
  });
});
