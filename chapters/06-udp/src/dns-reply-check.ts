// Checks that a DNS message is whole and well formed before anything reads it. dns-packet decodes
// without checking lengths: a reply cut off in the middle of an A record gives the address
// "127.undefined.undefined.undefined". This walk reads every field the way a decoder would, but
// checks each read against the end of the datagram first, so a truncated or malformed reply is
// reported, with where and why, instead of being printed as if it were an answer.
//
// Wire format (RFC 1035 §4.1): a 12-byte header with four counts, then the questions (name, type,
// class) and the answer, authority and additional records (name, type, class, TTL, RDLENGTH, then
// RDLENGTH bytes of data). Names are length-prefixed labels ending with a 0 byte, or with a
// 2-byte pointer (top two bits set) to an earlier name (compression, §4.1.4).

/** Where and why a message is not a valid DNS message, or undefined when it is. */
export type MessageProblem = string | undefined;

const HEADER_BYTES = 12;
const MAX_NAME_OCTETS = 255;

/** Record types whose data has a fixed shape this check knows (others are checked for length). */
const TYPE_A = 1;
const TYPE_NS = 2;
const TYPE_CNAME = 5;
const TYPE_SOA = 6;
const TYPE_PTR = 12;
const TYPE_MX = 15;
const TYPE_TXT = 16;
const TYPE_AAAA = 28;
const TYPE_SRV = 33;

class Truncated extends Error {}

/**
 * Walks the whole message and says what is wrong with it, or returns undefined.
 *
 * @example
 * checkDnsMessage(answer)                  // undefined: every count, name and length adds up
 * checkDnsMessage(answer.subarray(0, 40))  // 'cut short: answer 1 needs bytes up to 44, the datagram has 40'
 */
export function checkDnsMessage(message: Uint8Array): MessageProblem {
  const bytes = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  /** Throws when bytes [at, at + count) are not all in the datagram. */
  const need = (at: number, count: number, what: string) => {
    if (at + count > bytes.length) {
      throw new Truncated(
        `cut short: ${what} needs bytes up to ${at + count}, the datagram has ${bytes.length}`,
      );
    }
  };
  try {
    need(0, HEADER_BYTES, 'the header');
    const counts = [4, 6, 8, 10].map((at) => bytes.readUInt16BE(at));
    const [questions = 0, ...records] = counts;
    let at = HEADER_BYTES;
    for (let i = 1; i <= questions; i += 1) {
      at = skipName(bytes, at, `question ${i}`, need);
      need(at, 4, `question ${i}`);
      at += 4;
    }
    const sections = ['answer', 'authority record', 'additional record'];
    for (const [s, count = 0] of records.entries()) {
      for (let i = 1; i <= count; i += 1) {
        const what = `${sections[s]} ${i}`;
        at = skipName(bytes, at, what, need);
        need(at, 10, what);
        const type = bytes.readUInt16BE(at);
        const length = bytes.readUInt16BE(at + 8);
        at += 10;
        need(at, length, what);
        const problem = checkRecordData(bytes, type, at, length, what, need);
        if (problem !== undefined) return problem;
        at += length;
      }
    }
    return undefined;
  } catch (error) {
    if (error instanceof Truncated) return error.message;
    throw error;
  }
}

type Need = (at: number, count: number, what: string) => void;

/**
 * Reads the name at `start` and returns where it ends in the message (after its 0 byte or its
 * pointer). A pointer must point before the name that uses it, and before the previous pointer
 * in the same name, so every walk ends: no loops (RFC 1035 §4.1.4 allows only prior names).
 */
function skipName(bytes: Buffer, start: number, what: string, need: Need): number {
  let at = start;
  let end = -1; // where the name ends in the message, once a pointer has been followed
  let limit = start; // pointers must go below this
  let octets = 0;
  for (;;) {
    need(at, 1, `the name of ${what}`);
    const length = bytes[at] ?? 0;
    if (length === 0) {
      octets += 1;
      return end === -1 ? at + 1 : end;
    }
    const kind = length & 0xc0;
    if (kind === 0xc0) {
      need(at, 2, `the name of ${what}`);
      const target = bytes.readUInt16BE(at) & 0x3fff;
      if (target >= limit) {
        throw new Truncated(
          `malformed: the name of ${what} has a pointer to byte ${target}, not to an earlier name (a loop)`,
        );
      }
      if (end === -1) end = at + 2;
      limit = target;
      at = target;
      continue;
    }
    if (kind !== 0) {
      throw new Truncated(`malformed: the name of ${what} has a label type 0x${kind.toString(16)}`);
    }
    octets += 1 + length;
    if (octets + 1 > MAX_NAME_OCTETS) {
      throw new Truncated(`malformed: the name of ${what} is longer than 255 octets`);
    }
    need(at + 1, length, `the name of ${what}`);
    at += 1 + length;
  }
}

/** Checks that a record's data has the shape its type requires, within its RDLENGTH. */
function checkRecordData(
  bytes: Buffer,
  type: number,
  start: number,
  length: number,
  what: string,
  need: Need,
): MessageProblem {
  const end = start + length;
  // Names inside the data may point anywhere earlier, but must end within the data.
  const within: Need = (at, count, where) => {
    need(at, count, where);
    if (at + count > end) {
      throw new Truncated(
        `malformed: ${where} runs past its RDLENGTH (${length} bytes from byte ${start})`,
      );
    }
  };
  const exact = (used: number) =>
    used === end
      ? undefined
      : `malformed: the data of ${what} is ${length} bytes, its type needs ${used - start}`;
  switch (type) {
    case TYPE_A:
      return length === 4
        ? undefined
        : `malformed: ${what} is an A record of ${length} bytes, not 4`;
    case TYPE_AAAA:
      return length === 16
        ? undefined
        : `malformed: ${what} is an AAAA record of ${length} bytes, not 16`;
    case TYPE_NS:
    case TYPE_CNAME:
    case TYPE_PTR:
      return exact(skipName(bytes, start, what, within));
    case TYPE_MX:
      within(start, 2, what);
      return exact(skipName(bytes, start + 2, what, within));
    case TYPE_SRV:
      within(start, 6, what);
      return exact(skipName(bytes, start + 6, what, within));
    case TYPE_SOA: {
      const afterNames = skipName(bytes, skipName(bytes, start, what, within), what, within);
      within(afterNames, 20, what);
      return exact(afterNames + 20);
    }
    case TYPE_TXT: {
      // One or more character-strings: a length byte, then that many bytes.
      let at = start;
      while (at < end) {
        within(at, 1, what);
        within(at + 1, bytes[at] ?? 0, what);
        at += 1 + (bytes[at] ?? 0);
      }
      return length === 0 ? `malformed: ${what} is a TXT record with no string` : undefined;
    }
    default:
      return undefined; // any other type: its RDLENGTH bytes are in the datagram, checked above
  }
}
