import type { Answer } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { answerQuestion, normaliseZone, reverseName } from '../src/dns/index.ts';

/** The data of a record (dns-packet's OPT pseudo-record type has none, so the type needs a check). */
const dataOf = (record: Answer): unknown => ('data' in record ? record.data : undefined);

describe('reverseName', () => {
  it('writes IPv4 octets backwards under in-addr.arpa', () => {
    expect(reverseName('192.0.2.7')).toBe('7.2.0.192.in-addr.arpa');
    expect(reverseName('127.0.0.1')).toBe('1.0.0.127.in-addr.arpa');
  });

  it('writes the 32 IPv6 nibbles backwards under ip6.arpa, expanding ::', () => {
    expect(reverseName('::1')).toBe(`1${'.0'.repeat(31)}.ip6.arpa`);
    // RFC 3596 §2.5's own example address: 4321:0:1:2:3:4:567:89ab.
    expect(reverseName('4321:0:1:2:3:4:567:89ab')).toBe(
      'b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa',
    );
    expect(reverseName('2001:DB8::7')).toBe(reverseName('2001:0db8:0:0:0:0:0:7'));
    expect(reverseName('::ffff:192.0.2.7')).toBe(reverseName('::ffff:c000:207'));
  });

  it('returns null for anything that is not an IP literal', () => {
    expect(reverseName('web.test')).toBeNull();
    expect(reverseName('999.1.1.1')).toBeNull();
  });
});

describe('answerQuestion', () => {
  const zone = normaliseZone({
    'Web.Test.': { A: ['192.0.2.7'], AAAA: ['2001:db8::7'], TXT: ['hello'] },
    'www.web.test': { CNAME: 'web.test' },
    'loop-a.test': { CNAME: 'loop-b.test' },
    'loop-b.test': { CNAME: 'loop-a.test' },
    'outside.test': { CNAME: 'elsewhere.example' },
    '192.0.2.7': { PTR: ['web.test'] },
    'empty.test': {},
  });

  it('answers known names case-insensitively, with the records of the asked type', () => {
    const a = answerQuestion(zone, { name: 'WEB.test', type: 'A' });
    expect(a).toEqual({
      rcode: 'NOERROR',
      answers: [{ type: 'A', name: 'WEB.test', ttl: 60, data: '192.0.2.7' }],
    });
    expect(answerQuestion(zone, { name: 'web.test', type: 'AAAA' }).answers.map(dataOf)).toEqual([
      '2001:db8::7',
    ]);
    expect(answerQuestion(zone, { name: 'web.test', type: 'TXT' }).answers.map(dataOf)).toEqual([
      'hello',
    ]);
  });

  it('gives NXDOMAIN for unknown names and NODATA (NOERROR, no records) for known names without that type', () => {
    expect(answerQuestion(zone, { name: 'nope.test', type: 'A' })).toEqual({
      rcode: 'NXDOMAIN',
      answers: [],
    });
    expect(answerQuestion(zone, { name: 'empty.test', type: 'A' })).toEqual({
      rcode: 'NOERROR',
      answers: [],
    });
  });

  it('follows a CNAME inside the zone and answers CNAME questions with the alias itself', () => {
    const a = answerQuestion(zone, { name: 'www.web.test', type: 'A' });
    expect(a.answers.map((r) => [r.type, r.name, dataOf(r)])).toEqual([
      ['CNAME', 'www.web.test', 'web.test'],
      ['A', 'web.test', '192.0.2.7'],
    ]);
    expect(
      answerQuestion(zone, { name: 'www.web.test', type: 'CNAME' }).answers.map(dataOf),
    ).toEqual(['web.test']);
    expect(
      answerQuestion(zone, { name: 'outside.test', type: 'A' }).answers.map((r) => r.type),
    ).toEqual(['CNAME']);
  });

  it('stops following a CNAME loop instead of hanging', () => {
    const a = answerQuestion(zone, { name: 'loop-a.test', type: 'A' });
    expect(a.rcode).toBe('NOERROR');
    expect(a.answers.length).toBeLessThanOrEqual(9);
  });

  it('keys PTR records given by IP address under the reverse name', () => {
    const ptr = answerQuestion(zone, { name: '7.2.0.192.in-addr.arpa', type: 'PTR' });
    expect(ptr.answers.map(dataOf)).toEqual(['web.test']);
  });

  it('in hijack mode answers unknown names with the fixed address, for its own record type only', () => {
    const hijack = '203.0.113.7';
    expect(
      answerQuestion(zone, { name: 'madeupnameblag', type: 'A' }, { hijack }).answers.map(dataOf),
    ).toEqual([hijack]);
    expect(answerQuestion(zone, { name: 'madeupnameblag', type: 'AAAA' }, { hijack }).rcode).toBe(
      'NXDOMAIN',
    );
    expect(
      answerQuestion(
        zone,
        { name: 'madeupnameblag', type: 'AAAA' },
        { hijack: '2001:db8::bad' },
      ).answers.map(dataOf),
    ).toEqual(['2001:db8::bad']);
    // Names the zone knows are still answered truthfully.
    expect(
      answerQuestion(zone, { name: 'web.test', type: 'A' }, { hijack }).answers.map(dataOf),
    ).toEqual(['192.0.2.7']);
  });

  it('refuses a zone that names the same host twice', () => {
    expect(() => normaliseZone({ 'a.test': {}, 'A.TEST.': {} })).toThrow(/a\.test twice/);
  });
});
