// Mutant: sends flags 0x0000, without RD (recursion desired)
// Why students write it: a query seems to need no flags
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
import { randomInt } from 'node:crypto';
import { type SockAddr, SocketTimeoutError, socket } from '@netprog/socket-core';

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
  const labels = name.replace(/\.$/, '').split('.');
  const parts: Buffer[] = [];
  for (const label of labels) {
    const bytes = Buffer.from(label, 'ascii');
    if (bytes.length === 0 || bytes.length > 63) {
      throw new RangeError(
        `encodeQuery: label ${JSON.stringify(label)} in ${JSON.stringify(name)} must be 1 to 63 bytes long`,
      );
    }
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0000, 2);
  header.writeUInt16BE(1, 4);
  return Buffer.concat([header, ...parts, Buffer.from([0, 0, 1, 0, 1])]);
}

/**
 * Reads a DNS reply: its ID, its rcode, and its A records.
 *
 * @example
 * decodeReply(datagram); // { id: 4660, rcode: 0, answers: [{ name: 'web.test', ttl: 60, address: '192.0.2.7' }] }
 */
export function decodeReply(message: Uint8Array): DnsReply {
  const bytes = Buffer.from(message);
  const id = bytes.readUInt16BE(0);
  const rcode = bytes.readUInt16BE(2) & 0x0f;
  const questions = bytes.readUInt16BE(4);
  const answerCount = bytes.readUInt16BE(6);
  let offset = 12;
  for (let i = 0; i < questions; i++) offset = readName(bytes, offset).next + 4;
  const answers: ARecord[] = [];
  for (let i = 0; i < answerCount; i++) {
    const { name, next } = readName(bytes, offset);
    const type = bytes.readUInt16BE(next);
    const ttl = bytes.readUInt32BE(next + 4);
    const length = bytes.readUInt16BE(next + 8);
    const data = next + 10;
    if (type === 1 && length === 4) {
      answers.push({ name, ttl, address: [...bytes.subarray(data, data + 4)].join('.') });
    }
    offset = data + length;
  }
  return { id, rcode, answers };
}

/** A (possibly compressed) name at `offset`, and where the bytes after it start. */
function readName(bytes: Buffer, offset: number): { name: string; next: number } {
  const labels: string[] = [];
  let position = offset;
  let next: number | undefined;
  // A name has at most 255 bytes, so a legal one takes fewer steps (labels and pointers) than this.
  for (let steps = 0; steps < 255; steps++) {
    const length = bytes.readUInt8(position);
    if (length === 0) return { name: labels.join('.'), next: next ?? position + 1 };
    if ((length & 0xc0) === 0xc0) {
      next ??= position + 2; // after a pointer, the name continues elsewhere; we do not
      position = bytes.readUInt16BE(position) & 0x3fff;
      continue;
    }
    labels.push(bytes.toString('ascii', position + 1, position + 1 + length));
    position += 1 + length;
  }
  throw new RangeError(`decodeReply: the name at offset ${offset} loops or is too long`);
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
  const id = randomInt(0, 65_536);
  await using sock = socket('AF_INET', 'SOCK_DGRAM');
  await sock.connect(server);
  await sock.send(encodeQuery(id, name));
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    sock.settimeout(Math.max(1, deadline - performance.now()));
    let reply: DnsReply;
    try {
      reply = decodeReply(await sock.recv(4_096));
    } catch (error) {
      if (error instanceof SocketTimeoutError) {
        throw Object.assign(
          new Error(`no answer about ${name} from ${server.join(':')} within ${timeoutMs} ms`),
          {
            code: 'ETIMEDOUT',
          },
        );
      }
      if (error instanceof RangeError) continue; // not a DNS message we can read: not our answer
      throw error;
    }
    if (reply.id !== id) continue;
    if (reply.rcode === 3) {
      throw Object.assign(new Error(`${name} does not exist (NXDOMAIN)`), { code: 'ENOTFOUND' });
    }
    return reply.answers.map((answer) => answer.address);
  }
}
