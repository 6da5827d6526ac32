// IPv4/IPv6 packets carrying TCP segments and UDP datagrams, built byte by byte, with correct
// lengths and checksums, so Wireshark and tshark decode them as if they had been captured.
import { internetChecksum } from './checksum.ts';
import { addressBytes } from './ip-address.ts';

/** TCP flag bits, in the order of the header's flags byte. */
export const TCP = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

const PROTOCOL = { tcp: 6, udp: 17 } as const;
const TTL = 64;

/** A packet as a capture stores it: the bytes kept, and how long the packet really was. */
export interface Packet {
  /** The bytes written to the file: headers, and the payload bytes the transcript kept. */
  readonly captured: Uint8Array;
  /** The packet's real length; more than `captured` when payload bytes were not kept. */
  readonly length: number;
}

/** One end of a packet: an IP address literal and a port. */
export type PacketEnd = readonly [host: string, port: number];

export interface TcpSegment {
  readonly from: PacketEnd;
  readonly to: PacketEnd;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  /** The payload bytes known (the transcript's kept bytes). */
  readonly payload?: Uint8Array;
  /** The payload's real length, when more than `payload` (default payload.length). */
  readonly payloadLength?: number;
  /** The IPv4 header's identification field (default 0; IPv6 has none). */
  readonly id?: number;
}

/**
 * An IP packet holding one TCP segment. When only part of the payload is known, the packet is
 * written truncated, the way a capture with a small snap length stores it, and its TCP checksum
 * is left 0 (nobody can compute it without the missing bytes).
 *
 * @example
 * tcpPacket({ from: ['127.0.0.1', 50122], to: ['127.0.0.1', 80], seq: 1, ack: 0, flags: TCP.SYN });
 */
export function tcpPacket(segment: TcpSegment): Packet {
  const payload = segment.payload ?? new Uint8Array(0);
  const payloadLength = segment.payloadLength ?? payload.length;
  const header = Buffer.alloc(20);
  header.writeUInt16BE(segment.from[1], 0);
  header.writeUInt16BE(segment.to[1], 2);
  header.writeUInt32BE(segment.seq >>> 0, 4);
  header.writeUInt32BE(segment.ack >>> 0, 8);
  header[12] = 5 << 4; // header length: 5 words, no options
  header[13] = segment.flags;
  header.writeUInt16BE(65_535, 14); // window
  const complete = payload.length === payloadLength;
  return ipPacket('tcp', segment, header, payload, payloadLength, complete, 16);
}

export interface UdpDatagram {
  readonly from: PacketEnd;
  readonly to: PacketEnd;
  readonly payload: Uint8Array;
  readonly payloadLength?: number;
  readonly id?: number;
}

/**
 * An IP packet holding one UDP datagram (checksum included when the whole payload is known).
 *
 * @example
 * udpPacket({ from: ['127.0.0.1', 50122], to: ['127.0.0.1', 53], payload: Buffer.from('hi') });
 */
export function udpPacket(datagram: UdpDatagram): Packet {
  const payloadLength = datagram.payloadLength ?? datagram.payload.length;
  const header = Buffer.alloc(8);
  header.writeUInt16BE(datagram.from[1], 0);
  header.writeUInt16BE(datagram.to[1], 2);
  header.writeUInt16BE(8 + payloadLength, 4);
  const complete = datagram.payload.length === payloadLength;
  return ipPacket('udp', datagram, header, datagram.payload, payloadLength, complete, 6);
}

/**
 * Wraps a transport header and payload in an IPv4 or IPv6 header and fills in the transport
 * checksum (at `checksumAt` in the transport header) over the pseudo-header, header and payload.
 */
function ipPacket(
  protocol: keyof typeof PROTOCOL,
  { from: [source], to: [destination], id = 0 }: { from: PacketEnd; to: PacketEnd; id?: number },
  transport: Buffer,
  payload: Uint8Array,
  payloadLength: number,
  complete: boolean,
  checksumAt: number,
): Packet {
  const src = addressBytes(source);
  const dst = addressBytes(destination);
  if (src.length !== dst.length) {
    throw new RangeError(
      `one packet cannot go from ${source} to ${destination}: mixed IPv4 and IPv6`,
    );
  }
  const transportLength = transport.length + payloadLength;
  const v4 = src.length === 4;
  const pseudo = Buffer.alloc(v4 ? 12 : 40);
  if (v4) {
    pseudo.set(src, 0);
    pseudo.set(dst, 4);
    pseudo[9] = PROTOCOL[protocol];
    pseudo.writeUInt16BE(transportLength, 10);
  } else {
    pseudo.set(src, 0);
    pseudo.set(dst, 16);
    pseudo.writeUInt32BE(transportLength, 32);
    pseudo[39] = PROTOCOL[protocol];
  }
  if (complete) {
    let sum = internetChecksum(pseudo, transport, payload);
    // UDP sends a computed 0 as 0xffff: 0 means "no checksum" there.
    if (protocol === 'udp' && sum === 0) sum = 0xffff;
    transport.writeUInt16BE(sum, checksumAt);
  }
  const ip = v4
    ? ipv4Header(src, dst, protocol, transportLength, id)
    : ipv6Header(src, dst, protocol, transportLength);
  return {
    captured: Buffer.concat([ip, transport, payload]),
    length: ip.length + transportLength,
  };
}

function ipv4Header(
  src: Uint8Array,
  dst: Uint8Array,
  protocol: keyof typeof PROTOCOL,
  length: number,
  id: number,
): Buffer {
  const header = Buffer.alloc(20);
  header[0] = 0x45; // version 4, header length 5 words
  header.writeUInt16BE(20 + length, 2);
  header.writeUInt16BE(id & 0xffff, 4);
  header.writeUInt16BE(0x4000, 6); // don't fragment
  header[8] = TTL;
  header[9] = PROTOCOL[protocol];
  header.set(src, 12);
  header.set(dst, 16);
  header.writeUInt16BE(internetChecksum(header), 10);
  return header;
}

function ipv6Header(
  src: Uint8Array,
  dst: Uint8Array,
  protocol: keyof typeof PROTOCOL,
  length: number,
): Buffer {
  const header = Buffer.alloc(40);
  header.writeUInt32BE(0x6000_0000, 0); // version 6, no traffic class, no flow label
  header.writeUInt16BE(length, 4);
  header[6] = PROTOCOL[protocol];
  header[7] = TTL;
  header.set(src, 8);
  header.set(dst, 24);
  return header;
}
