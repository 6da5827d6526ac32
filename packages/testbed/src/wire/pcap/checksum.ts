// The Internet checksum (RFC 1071) that IPv4 headers, TCP and UDP carry: the ones' complement of
// the ones' complement sum of the data taken as 16-bit big-endian words.

/**
 * The checksum of the parts taken as one run of bytes (an odd-length part does not shift the
 * next one: the bytes are concatenated first, as the pseudo-header and segment are on the wire).
 *
 * @example
 * // The IPv4 header of Wikipedia's example, with its checksum field zeroed:
 * internetChecksum(Buffer.from('450000730000400040110000c0a80001c0a800c7', 'hex')) // 0xb861
 */
export function internetChecksum(...parts: readonly Uint8Array[]): number {
  const bytes = parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
  let sum = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    sum += ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
  }
  if (bytes.length % 2 === 1) sum += (bytes[bytes.length - 1] as number) << 8;
  // Fold the carries back in until the sum fits in 16 bits.
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
