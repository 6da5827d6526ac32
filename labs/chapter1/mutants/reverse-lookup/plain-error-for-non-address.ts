// Mutant: throws a plain Error, not a TypeError, for something that is not an address
// Why students write it: any Error seems enough
// Exercise 4: reverse resolution by hand.
//
// Reverse lookup (Python's gethostbyaddr, Node's dns.reverse) is an ordinary DNS question, type
// PTR, about a special name made from the address:
//   IPv4 a.b.c.d   → d.c.b.a.in-addr.arpa                       (RFC 1035 §3.5)
//   IPv6           → its 32 hex digits, one per label, LAST digit first, then ip6.arpa (RFC 3596)
//                    e.g. 2001:db8::7 = 2001:0db8:0000:0000:0000:0000:0000:0007
//                    → 7.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa
//                    (an IPv4-mapped ::ffff:192.0.2.7 is IPv6 too: its dotted tail is c000:0207)
//
// reverseName(address): that name (lower-case hex), or throw a TypeError naming the argument
//   when it is not an IP address.
// gethostbyaddr(address, resolver): ask resolver.resolvePtr(reverseName(address)) (NOT
//   resolver.reverse, which would build the name for you) and return
//   [first name, the other names, [address]]. When there is no PTR record the resolver rejects
//   with code 'ENOTFOUND'; let that error through (or throw one with the same code).

import type { Resolver } from 'node:dns/promises';
import { isIPv4, isIPv6 } from 'node:net';

export type HostEntry = [hostname: string, aliases: string[], addresses: string[]];

/**
 * The DNS name a PTR query for `address` asks about.
 *
 * @example
 * reverseName('192.0.2.7') // '7.2.0.192.in-addr.arpa'
 */
export function reverseName(address: string): string {
  if (isIPv4(address)) return `${address.split('.').reverse().join('.')}.in-addr.arpa`;
  if (!isIPv6(address))
    throw new Error(`reverseName: ${JSON.stringify(address)} is not an IP address`);
  return `${hexDigits(address).split('').reverse().join('.')}.ip6.arpa`;
}

/** The 32 hex digits of an IPv6 address: expand '::', write every group as 4 lower-case digits. */
function hexDigits(address: string): string {
  let text = address;
  // A dotted IPv4 tail (::ffff:192.0.2.7) is two more groups.
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail !== null) {
    const [a, b, c, d] = tail.slice(1).map((octet) => Number(octet).toString(16).padStart(2, '0'));
    text = `${text.slice(0, tail.index)}${a}${b}:${c}${d}`;
  }
  // The groups before and after '::' (all of them when there is no '::'); '::' stands for as
  // many zero groups as it takes to make eight.
  const [left = [], right = []] = text
    .split('::')
    .map((half) => (half === '' ? [] : half.split(':')));
  const zeros = Array<string>(8 - left.length - right.length).fill('0');
  // Reading a group as a number and writing it back pads it ('db8' → '0db8') and lower-cases it.
  return [...left, ...zeros, ...right]
    .map((group) => Number.parseInt(group, 16).toString(16).padStart(4, '0'))
    .join('');
}

/**
 * `[host name, aliases, [address]]` for an IP address, from PTR records.
 *
 * @example
 * await gethostbyaddr('192.0.2.7', resolver) // ['web.test', ['www.web.test'], ['192.0.2.7']]
 */
export async function gethostbyaddr(address: string, resolver: Resolver): Promise<HostEntry> {
  const [hostname = address, ...aliases] = await resolver.resolvePtr(reverseName(address));
  return [hostname, aliases, [address]];
}
