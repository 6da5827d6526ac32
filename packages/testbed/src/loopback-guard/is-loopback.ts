// The one rule the loopback guard applies to every address: is this host on this machine?
import { isIPv4, isIPv6 } from 'node:net';

/**
 * True when `host` is certainly this machine's loopback: an IPv4 address in 127.0.0.0/8, the
 * IPv6 loopback ::1 (in any spelling), an IPv4-mapped loopback such as ::ffff:127.0.0.1, or the
 * name 'localhost'. Everything else is false, including every other host NAME (a name can only be
 * checked by resolving it, and resolving it may already send a query off the machine) and
 * '0.0.0.0' / '::' (Linux happens to route a connect to them locally, but say 127.0.0.1).
 *
 * @example
 * isLoopback('127.0.0.53')       // true
 * isLoopback('0:0:0:0:0:0:0:1')  // true
 * isLoopback('::ffff:127.0.0.1') // true
 * isLoopback('192.0.2.1')        // false
 * isLoopback('example.com')      // false
 */
export function isLoopback(host: string): boolean {
  let text = host.trim().toLowerCase();
  if (text === 'localhost' || text === 'localhost.') return true;
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  // A zone id ('::1%lo') names an interface, not a different address.
  text = text.split('%')[0] ?? '';
  if (isIPv4(text)) return text.startsWith('127.');
  const groups = ipv6Groups(text);
  if (groups === undefined) return false;
  const [a, b, c, d, e, f, g, h] = groups;
  const zeroPrefix = a === 0 && b === 0 && c === 0 && d === 0 && e === 0;
  if (zeroPrefix && f === 0 && g === 0 && h === 1) return true; // ::1
  return zeroPrefix && f === 0xffff && g !== undefined && g >> 8 === 127; // ::ffff:127.x.y.z
}

/**
 * The eight 16-bit groups of an IPv6 address, expanding '::' and a dotted IPv4 tail,
 * or undefined when the text is not an IPv6 address.
 *
 * @example
 * ipv6Groups('::ffff:127.0.0.1') // [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]
 */
export function ipv6Groups(text: string): number[] | undefined {
  if (!isIPv6(text) || text.includes('%')) return undefined;
  let body = text;
  const tail: number[] = [];
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(body);
  if (dotted !== null) {
    const [, o1, o2, o3, o4] = dotted.map(Number);
    tail.push(((o1 ?? 0) << 8) | (o2 ?? 0), ((o3 ?? 0) << 8) | (o4 ?? 0));
    // Replace the dotted part by nothing, leaving a trailing ':' or '::' to expand below.
    body = body.slice(0, dotted.index);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const parse = (part: string): number[] =>
    part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16));
  const [left = '', right] = body.split('::');
  const head = parse(left);
  const rest = right === undefined ? [] : parse(right);
  const missing = 8 - tail.length - head.length - rest.length;
  const groups = [
    ...head,
    ...Array<number>(right === undefined ? 0 : missing).fill(0),
    ...rest,
    ...tail,
  ];
  return groups.length === 8 ? groups : undefined;
}
