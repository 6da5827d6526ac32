// The pcapng file format (IETF draft-ietf-opsawg-pcapng), just the blocks a synthesised capture
// needs: a Section Header Block (with a comment saying it is synthesised), one Interface
// Description Block for raw IP packets, and an Enhanced Packet Block per packet (each may carry a
// comment). Chosen over classic pcap because pcapng can say, inside the file, where it came from.
// Written little-endian; the byte-order magic tells readers so.

/** LINKTYPE_RAW: each packet starts with its IPv4 or IPv6 header, no link-layer header. */
export const LINKTYPE_RAW = 101;

const BLOCK = { section: 0x0a0d0d0a, interface: 0x00000001, packet: 0x00000006 } as const;
const OPTION = { endOfOptions: 0, comment: 1, name: 2, userApplication: 4, tsresol: 9 } as const;

/** One packet for the file. */
export interface PcapngPacket {
  /** Microseconds since the Unix epoch. */
  readonly timestampUs: number;
  readonly captured: Uint8Array;
  /** The packet's real length (at least captured.length). */
  readonly length: number;
  readonly comment?: string;
}

export interface PcapngFile {
  /** The section's comment: what this file is. */
  readonly comment: string;
  /** The program that wrote it. */
  readonly application: string;
  /** The interface's name, as Wireshark shows it. */
  readonly interfaceName: string;
  readonly packets: readonly PcapngPacket[];
}

/**
 * The whole file as bytes.
 *
 * @example
 * writeFileSync('wire.pcapng', pcapng({ comment: 'synthesised', application: 'testbed',
 *   interfaceName: 'lo', packets }));
 */
export function pcapng(file: PcapngFile): Buffer {
  const blocks = [sectionHeader(file), interfaceDescription(file.interfaceName)];
  for (const packet of file.packets) blocks.push(enhancedPacket(packet));
  return Buffer.concat(blocks);
}

function sectionHeader(file: PcapngFile): Buffer {
  const body = Buffer.alloc(16);
  body.writeUInt32LE(0x1a2b3c4d, 0); // byte-order magic
  body.writeUInt16LE(1, 4); // major version
  body.writeUInt16LE(0, 6); // minor version
  body.writeBigInt64LE(-1n, 8); // section length: not given
  return block(BLOCK.section, body, [
    option(OPTION.comment, file.comment),
    option(OPTION.userApplication, file.application),
  ]);
}

function interfaceDescription(name: string): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt16LE(LINKTYPE_RAW, 0);
  body.writeUInt32LE(0, 4); // snap length: no limit
  // tsresol 6: timestamps count microseconds (the default, written out for readers that ask).
  return block(BLOCK.interface, body, [
    option(OPTION.name, name),
    option(OPTION.tsresol, Buffer.from([6])),
  ]);
}

function enhancedPacket(packet: PcapngPacket): Buffer {
  const body = Buffer.alloc(20);
  const timestamp = BigInt(Math.round(packet.timestampUs));
  body.writeUInt32LE(0, 0); // interface 0
  body.writeUInt32LE(Number(timestamp >> 32n), 4);
  body.writeUInt32LE(Number(timestamp & 0xffff_ffffn), 8);
  body.writeUInt32LE(packet.captured.length, 12);
  body.writeUInt32LE(packet.length, 16);
  const options = packet.comment === undefined ? [] : [option(OPTION.comment, packet.comment)];
  return block(BLOCK.packet, Buffer.concat([body, padded(packet.captured)]), options);
}

/** type, total length, body, options (ended by opt_endofopt when there are any), total length. */
function block(type: number, body: Buffer, options: Buffer[]): Buffer {
  const optionBytes =
    options.length === 0
      ? Buffer.alloc(0)
      : Buffer.concat([...options, option(OPTION.endOfOptions, '')]);
  const total = 12 + body.length + optionBytes.length;
  const head = Buffer.alloc(8);
  head.writeUInt32LE(type, 0);
  head.writeUInt32LE(total, 4);
  const tail = Buffer.alloc(4);
  tail.writeUInt32LE(total, 0);
  return Buffer.concat([head, body, optionBytes, tail]);
}

/** code, length, value padded to 32 bits. Text is UTF-8, as the format requires. */
function option(code: number, value: string | Uint8Array): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const head = Buffer.alloc(4);
  head.writeUInt16LE(code, 0);
  head.writeUInt16LE(bytes.length, 2);
  return Buffer.concat([head, padded(bytes)]);
}

function padded(bytes: Uint8Array): Buffer {
  const padding = (4 - (bytes.length % 4)) % 4;
  return Buffer.concat([bytes, Buffer.alloc(padding)]);
}
