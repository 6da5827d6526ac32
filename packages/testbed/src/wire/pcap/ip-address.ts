// IP addresses as the bytes a packet header carries.
import net from 'node:net';

/**
 * The 4 (IPv4) or 16 (IPv6) bytes of an address. An IPv4-mapped IPv6 address
 * (`::ffff:127.0.0.1`, a dual-stack socket's view of an IPv4 peer) gives its IPv4 bytes, since
 * that is what went over the wire. Throws a RangeError for anything that is not an IP address.
 *
 * @example
 * addressBytes('127.0.0.1') // Uint8Array [127, 0, 0, 1]
 * addressBytes('::1')       // 15 zeros, then 1
 */
export function addressBytes(address: string): Uint8Array {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const host = mapped ?? address;
  if (net.isIPv4(host)) return Uint8Array.from(host.split('.').map(Number));
  if (!net.isIPv6(host)) {
    throw new RangeError(
      `not an IP address: ${JSON.stringify(address)} (a pcap needs literal addresses)`,
    );
  }
  // Expand '::' into the zero groups it stands for; an IPv4 tail counts as two groups.
  const [head = '', tail] = host.split('::');
  const groups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [Number.parseInt(group, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const before = groups(head);
  const after = tail === undefined ? [] : groups(tail);
  const all = [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}
