// Exercise 3: a DNS client for A records, by hand: no dns-packet, no node:dns. You write the
// query's bytes, send them in one UDP datagram, and read the answer's bytes (RFC 1035 §4.1).
//
// encodeQuery(id, name): the 12-byte header, then one question.
//   header: ID (2 bytes), flags 0x0100 (only RD, "recursion desired"), QDCOUNT 1, ANCOUNT 0,
//           NSCOUNT 0, ARCOUNT 0; every number big-endian.
//   question: the name as labels, each one length byte then its ASCII bytes, ended by a zero
//           byte ('web.test' -> 03 w e b 04 t e s t 00; a trailing dot changes nothing), then
//           QTYPE 1 (A) and QCLASS 1 (IN). A label longer than 63 bytes or an empty label
//           ('a..b') is a RangeError whose message shows the label.
// decodeReply(message): { id, rcode, answers }. rcode is the low 4 bits of the flags (0 NOERROR,
//   3 NXDOMAIN). Skip the question section, then read ANCOUNT records: NAME, TYPE (2), CLASS (2),
//   TTL (4), RDLENGTH (2), RDATA. Keep only A records (TYPE 1, RDATA = 4 address bytes); skip the
//   others (a CNAME, say) using RDLENGTH. Names may be COMPRESSED: a length byte whose two top bits
//   are set (0xC0) starts a 2-byte pointer; its low 14 bits are the offset in the message where
//   the rest of the name is written. Names in answers have no trailing dot: 'web.test'. A name
//   whose pointers go round in a loop is a RangeError (its message gives the name's offset), not
//   a hang.
// resolveA(server, name, timeoutMs): send a query with a random ID (one a forger cannot guess)
//   over UDP to `server`, and resolve with the addresses of the A records in the reply to THAT
//   query: a datagram with another ID, one that is not a DNS message, or one from another address
//   is not your answer (ignore it and keep waiting). NXDOMAIN: reject with an Error whose code is
//   'ENOTFOUND'. No answer within timeoutMs of sending the query, however many other datagrams
//   came meanwhile: reject with code 'ETIMEDOUT'. Both messages name the name (and the timeout
//   the server too). Nothing listening on the server's port (ECONNREFUSED): reject at once with
//   that error.
import type { SockAddr } from '@netprog/socket-core';

export interface ARecord {
  name: string;
  ttl: number;
  address: string;
}

export interface DnsReply {
  id: number;
  rcode: number;
  answers: ARecord[];
}

/**
 * The query for the A records of `name`, with the given ID.
 *
 * @example
 * encodeQuery(0x1234, 'web.test').toString('hex');
 * // '1234010000010000000000000377656204746573740000010001'
 */
export function encodeQuery(id: number, name: string): Buffer {
  throw new Error(`TODO: write the query bytes for ${name} with ID ${id}`);
}

/**
 * Reads a DNS reply: its ID, its rcode, and its A records.
 *
 * @example
 * decodeReply(datagram); // { id: 4660, rcode: 0, answers: [{ name: 'web.test', ttl: 60, address: '192.0.2.7' }] }
 */
export function decodeReply(message: Uint8Array): DnsReply {
  throw new Error(`TODO: read the ${message.length}-byte reply`);
}

/**
 * Asks `server` for the A records of `name` over UDP.
 *
 * @example
 * await resolveA(['127.0.0.1', 5353], 'web.test', 1_000); // ['192.0.2.7']
 */
export async function resolveA(
  server: SockAddr,
  name: string,
  timeoutMs: number,
): Promise<string[]> {
  throw new Error(`TODO: ask ${server.join(':')} about ${name}, waiting at most ${timeoutMs} ms`);
}
