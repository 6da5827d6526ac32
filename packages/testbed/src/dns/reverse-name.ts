// The names reverse lookups ask for: an address written backwards under in-addr.arpa / ip6.arpa.
import net from 'node:net';

/**
 * The DNS name a PTR query (reverse lookup) asks for: IPv4 octets in reverse order under
 * `in-addr.arpa` (RFC 1035 §3.5), IPv6 nibbles in reverse order under `ip6.arpa` (RFC 3596 §2.5).
 * Returns null when `address` is not an IP literal.
 *
 * @example
 * reverseName('192.0.2.7') // '7.2.0.192.in-addr.arpa'
 * reverseName('::1')       // '1.0.0.0. … .0.ip6.arpa' (32 nibbles)
 */
export function reverseName(address: string): string | null {
  const family = net.isIP(address);
  if (family === 4) return `${address.split('.').reverse().join('.')}.in-addr.arpa`;
  if (family !== 6) return null;
  const nibbles = expandIpv6(address).split('').reverse().join('.');
  return `${nibbles}.ip6.arpa`;
}

/** The 32 hex digits of an IPv6 address, '::' expanded and any dotted IPv4 tail converted. */
function expandIpv6(address: string): string {
  // Node has no public call that turns an IPv6 string into its 16 bytes, so expand by hand:
  // split at '::', pad each group to 4 digits, and fill the gap between the halves with zeros.
  let text = address.toLowerCase().split('%')[0] ?? '';
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const octets = dotted[1].split('.').map((o) => Number(o).toString(16).padStart(2, '0'));
    text = `${text.slice(0, -dotted[1].length)}${octets[0]}${octets[1]}:${octets[2]}${octets[3]}`;
  }
  const [head = '', tail] = text.split('::');
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const missing = 8 - left.length - right.length;
  const all = [...left, ...Array<string>(Math.max(missing, 0)).fill('0'), ...right];
  return all.map((g) => g.padStart(4, '0')).join('');
}
