// Exercise 2: reliable delivery over a network that loses, duplicates and reorders: stop-and-wait.
//
// Send `messages` to `target` so that the receiver gets every one, once, in order, although any
// datagram (yours or its ACK) may be lost, duplicated, delayed or overtaken. The protocol:
//   DATA frame: 1 byte 0x44 ('D'), the sequence number as 4 bytes big-endian, then the payload.
//   ACK frame:  1 byte 0x41 ('A'), the sequence number it acknowledges, 4 bytes big-endian.
//               Exactly 5 bytes; anything else is not an ACK.
// Message i (0-based) has sequence number i. Stop-and-wait: send DATA i, wait up to timeoutMs
// for ACK i; on timeout send DATA i again (a retransmission); after `maxTries` transmissions of
// one message without its ACK, give up: reject with an Error whose `code` is 'ETIMEDOUT' and whose
// message names that message's sequence number and the transmissions tried. If nothing listens at
// the target (ECONNREFUSED), reject at once with that error. An ACK
// for another sequence number (a late or duplicated ACK of an earlier message) is ignored, and
// must not make you wait longer than timeoutMs since the last transmission.
// Resolve with how many DATA datagrams you sent in total (first sends plus retransmissions).
// The receiver (the grader's) ACKs every DATA it has already delivered, and delivers each
// sequence number once.
import type { SockAddr } from '@netprog/socket-core';

export const DATA = 0x44;
export const ACK = 0x41;

export interface ReliableOptions {
  timeoutMs: number;
  maxTries: number;
}

/**
 * A DATA frame: 'D', seq (uint32, big-endian), payload.
 *
 * @example
 * encodeData(1, Buffer.from('hi')).toString('hex'); // '44000000016869'
 */
export function encodeData(seq: number, payload: Uint8Array): Buffer {
  throw new Error(`TODO: build the DATA frame for seq ${seq} (${payload.length} bytes of payload)`);
}

/**
 * The sequence number an ACK frame acknowledges, or null when the datagram is not an ACK.
 *
 * @example
 * decodeAck(Buffer.from('4100000001', 'hex')); // 1
 * decodeAck(Buffer.from('4400000001', 'hex')); // null: a DATA frame
 */
export function decodeAck(datagram: Uint8Array): number | null {
  throw new Error(`TODO: read the ACK frame in these ${datagram.length} bytes`);
}

/**
 * Delivers every message, once and in order, with stop-and-wait and retransmission.
 * socket-core's socket('AF_INET', 'SOCK_DGRAM') (connect, send, recv with settimeout) or
 * node:dgram both work.
 *
 * @example
 * const { transmissions } = await sendReliably(peer, [Buffer.from('a'), Buffer.from('b')], { timeoutMs: 200, maxTries: 10 });
 */
export async function sendReliably(
  target: SockAddr,
  messages: readonly Uint8Array[],
  options: ReliableOptions,
): Promise<{ transmissions: number }> {
  throw new Error(
    `TODO: deliver ${messages.length} messages to ${target.join(':')} (timeout ${options.timeoutMs} ms, ${options.maxTries} tries)`,
  );
}
