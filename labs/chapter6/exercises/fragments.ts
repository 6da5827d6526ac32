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
  throw new Error(
    `TODO: cut message ${messageId} (${message.length} bytes) into datagrams of at most ${maxDatagram} bytes`,
  );
}

/**
 * Puts fragments back together.
 *
 * @example
 * const reassembler = new Reassembler();
 * for (const d of shuffled) { const done = reassembler.push(d); if (done) console.log(done.message); }
 */
export class Reassembler {
  push(datagram: Uint8Array): { messageId: number; message: Buffer } | null {
    throw new Error(`TODO: file away this ${datagram.length}-byte fragment`);
  }
}
