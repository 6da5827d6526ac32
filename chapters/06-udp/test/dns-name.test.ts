import { UsageError } from '@netprog/cli';
import { describe, expect, it } from 'vitest';
import { buildQuery } from '../src/dig.ts';
import { checkDnsName, DnsNameError } from '../src/dns-name.ts';

const label63 = 'a'.repeat(63);

describe('checkDnsName (RFC 1035 §2.3.4)', () => {
  it('takes names whose labels and total fit, and says how long they are on the wire', () => {
    expect(checkDnsName('web.test')).toBe(10);
    expect(checkDnsName('web.test.')).toBe(10);
    expect(checkDnsName('.')).toBe(1);
    expect(checkDnsName(label63)).toBe(65);
    // Four labels of 63 and one of 61: 4 * 64 + 62 + 1 = 319 > 255; three of 63 and one of 61:
    // 3 * 64 + 62 + 1 = 255, the longest name there is.
    expect(checkDnsName(`${label63}.${label63}.${label63}.${'b'.repeat(61)}`)).toBe(255);
  });

  it.each([
    ['an empty name', '', /the name is empty/],
    ['two dots in a row', 'a..b', /"a\.\.b" has an empty label/],
    ['a dot at the start', '.a', /empty label/],
    ['two dots at the end', 'a..', /empty label/],
    ['a 64-octet label', 'x'.repeat(64), /is 64 octets; a DNS label has at most 63/],
    ['a label of 64 octets in UTF-8', `${'é'.repeat(32)}.test`, /is 64 octets/],
    [
      'a name of 256 octets',
      `${label63}.${label63}.${label63}.${'b'.repeat(62)}`,
      /is 256 octets on the wire \(254 characters\); a DNS name has at most 255/,
    ],
  ])('refuses %s with a DnsNameError, a UsageError (exit 2)', (_name, name, message) => {
    expect(() => checkDnsName(name)).toThrow(message);
    expect(() => checkDnsName(name)).toThrow(DnsNameError);
    expect(() => checkDnsName(name)).toThrow(UsageError);
  });

  it('is checked by buildQuery, so no such query is ever sent', () => {
    expect(() => buildQuery('a..b', 'A', 1)).toThrow(DnsNameError);
  });
});
