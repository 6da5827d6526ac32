// Mutant: forgets a message once it is complete, so late duplicates put it together again
// Why students write it: a finished message needs no more bookkeeping
// Exercise 4: framing messages into datagrams. One UDP datagram carries at most 65,507 bytes,
// and without IP fragmentation only about 1,472 on Ethernet. A bigger message must be cut into
// fragments, each with a header that lets the receiver put them back together, whatever order
// they arrive in and however often.
//
// The header (8 bytes, big-endian): messageId (uint32), index (uint16, from 0), count (uint16,
// how many fragments the message has). Then a piece of the message.
// fragment(messageId, message, maxDatagram): cut the message into as few fragments as possible,
//   in order, each datagram (header + piece) at most maxDatagram bytes; every fragment but the
//   last is exactly maxDatagram bytes. An empty message is ONE fragment with an empty piece.
//   RangeError, whose message gives the value at fault, when maxDatagram is not larger than the
//   header, or when more than 65,535 fragments would be needed.
// Reassembler.push(datagram): returns { messageId, message } when this datagram completes a
//   message, otherwise null. Fragments of several messages may be interleaved; a duplicate
//   fragment changes nothing, even after its message was completed (a message is returned ONCE).
//   A datagram shorter than the header, with count 0, with index >= count, or with a count that
//   differs from the one the message's first fragment gave, is ignored (null). The caller may
//   reuse the datagram's buffer once push() returns: keep a copy of what you store.

export const HEADER_BYTES = 8;

/**
 * Cuts `message` into datagrams of at most `maxDatagram` bytes, each with the 8-byte header.
 *
 * @example
 * fragment(7, Buffer.alloc(2_500), 1_000).map((d) => d.length); // [1000, 1000, 524]
 */
export function fragment(messageId: number, message: Uint8Array, maxDatagram: number): Buffer[] {
  const room = maxDatagram - HEADER_BYTES;
  if (!(room > 0)) {
    throw new RangeError(
      `fragment: maxDatagram must be more than the ${HEADER_BYTES}-byte header; got ${maxDatagram}`,
    );
  }
  const count = Math.max(1, Math.ceil(message.length / room));
  if (count > 0xffff) {
    throw new RangeError(
      `fragment: ${message.length} bytes need ${count} fragments of ${maxDatagram}; at most 65535 fit the header`,
    );
  }
  return Array.from({ length: count }, (_, index) => {
    const piece = message.subarray(index * room, (index + 1) * room);
    const datagram = Buffer.alloc(HEADER_BYTES + piece.length);
    datagram.writeUInt32BE(messageId, 0);
    datagram.writeUInt16BE(index, 4);
    datagram.writeUInt16BE(count, 6);
    datagram.set(piece, HEADER_BYTES);
    return datagram;
  });
}

/**
 * Puts fragments back together.
 *
 * @example
 * const reassembler = new Reassembler();
 * for (const d of shuffled) { const done = reassembler.push(d); if (done) console.log(done.message); }
 */
export class Reassembler {
  readonly #partial = new Map<number, { count: number; pieces: Map<number, Buffer> }>();
  readonly #completed = new Set<number>();

  push(datagram: Uint8Array): { messageId: number; message: Buffer } | null {
    if (datagram.length < HEADER_BYTES) return null;
    // A view of the caller's bytes, not a copy: the piece kept below is copied on its own.
    const bytes = Buffer.from(datagram.buffer, datagram.byteOffset, datagram.byteLength);
    const messageId = bytes.readUInt32BE(0);
    const index = bytes.readUInt16BE(4);
    const count = bytes.readUInt16BE(6);
    // index >= count also refuses count 0.
    if (index >= count) return null;
    let entry = this.#partial.get(messageId);
    if (entry === undefined) {
      entry = { count, pieces: new Map() };
      this.#partial.set(messageId, entry);
    }
    if (entry.count !== count || entry.pieces.has(index)) return null;
    // A copy: the caller may reuse its buffer for the next datagram once push() returns.
    entry.pieces.set(index, Buffer.from(bytes.subarray(HEADER_BYTES)));
    if (entry.pieces.size < count) return null;
    this.#partial.delete(messageId);
    this.#completed.add(messageId);
    const pieces = Array.from({ length: count }, (_, i) => entry.pieces.get(i) ?? Buffer.alloc(0));
    return { messageId, message: Buffer.concat(pieces) };
  }
}
