import { isIP } from 'node:net';
import { decode, encode } from 'dns-packet';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDnsMessage } from '../src/dns-reply-check.ts';

/** A typical answer: a CNAME, then an A, an AAAA, an MX, a TXT, an SOA and an SRV. */
const ANSWER = encode({
  type: 'response',
  id: 7,
  flags: 0x8180,
  questions: [{ type: 'A', name: 'www.web.test', class: 'IN' }],
  answers: [
    { type: 'CNAME', name: 'www.web.test', ttl: 60, data: 'web.test' },
    { type: 'A', name: 'web.test', ttl: 60, data: '192.0.2.7' },
    { type: 'AAAA', name: 'web.test', ttl: 60, data: '2001:db8::7' },
    { type: 'MX', name: 'web.test', ttl: 60, data: { preference: 10, exchange: 'mx.web.test' } },
    { type: 'TXT', name: 'web.test', ttl: 60, data: ['hello', 'world'] },
  ],
  authorities: [
    {
      type: 'SOA',
      name: 'test',
      ttl: 60,
      data: {
        mname: 'ns.test',
        rname: 'admin.test',
        serial: 1,
        refresh: 2,
        retry: 3,
        expire: 4,
        minimum: 5,
      },
    },
  ],
  additionals: [
    {
      type: 'SRV',
      name: '_x._tcp.web.test',
      ttl: 60,
      data: { priority: 1, weight: 2, port: 80, target: 'web.test' },
    },
  ],
});

/**
 * A hand-made answer to "a.test A": the header (12 bytes), the question (bytes 12-23), and one A
 * record (bytes 24-39) whose name is `pointer`, by default a pointer to the question's name.
 */
function compressed(pointer = 0xc00c): Buffer {
  const header = Buffer.from('0007818000010001' + '00000000', 'hex');
  const question = Buffer.from('01610474657374000001' + '0001', 'hex'); // a.test A IN
  const answer = Buffer.alloc(16);
  answer.writeUInt16BE(pointer, 0);
  answer.writeUInt16BE(1, 2); // A
  answer.writeUInt16BE(1, 4); // IN
  answer.writeUInt32BE(60, 6);
  answer.writeUInt16BE(4, 10);
  Buffer.from([127, 0, 0, 1]).copy(answer, 12);
  return Buffer.concat([header, question, answer]);
}

describe('checkDnsMessage', () => {
  it('passes a whole answer, with and without compression', () => {
    expect(checkDnsMessage(ANSWER)).toBeUndefined();
    expect(checkDnsMessage(compressed())).toBeUndefined();
  });

  it('reports every answer cut short, wherever the cut (dns-packet printed 127.undefined...)', () => {
    for (let length = 0; length < ANSWER.length; length += 1) {
      expect(checkDnsMessage(ANSWER.subarray(0, length)), `cut at ${length}`).toMatch(
        /^cut short: .* needs bytes up to \d+, the datagram has \d+$/,
      );
    }
    expect(checkDnsMessage(compressed().subarray(0, 38))).toBe(
      'cut short: answer 1 needs bytes up to 40, the datagram has 38',
    );
  });

  it('refuses a pointer that loops: to itself, or forward', () => {
    // The answer's name starts at byte 24, right after the 12-byte question.
    expect(checkDnsMessage(compressed(0xc000 + 24))).toMatch(/pointer to byte 24, .* \(a loop\)/);
    expect(checkDnsMessage(compressed(0xc000 + 30))).toMatch(/pointer to byte 30/);
  });

  it('refuses label types 01 and 10 (0x40, 0x80)', () => {
    const bad = compressed();
    bad[24] = 0x41;
    expect(checkDnsMessage(bad)).toMatch(/label type 0x40/);
  });

  it('refuses record data of the wrong size for its type', () => {
    // RDLENGTH 2 for an A record: the 2 bytes are there, but an address is 4 bytes.
    const short = compressed();
    short.writeUInt16BE(2, 34);
    expect(checkDnsMessage(short.subarray(0, 38))).toBe(
      'malformed: answer 1 is an A record of 2 bytes, not 4',
    );
  });

  it('refuses a name in record data that runs past its RDLENGTH', () => {
    const cname = encode({
      type: 'response',
      id: 1,
      answers: [{ type: 'CNAME', name: 'a.test', ttl: 1, data: 'b.test' }],
    });
    const at = cname.length - 8 - 2; // RDLENGTH of the only record: 8 bytes of name
    expect(cname.readUInt16BE(at)).toBe(8);
    cname.writeUInt16BE(4, at);
    expect(checkDnsMessage(Buffer.concat([cname, Buffer.alloc(0)]))).toMatch(
      /runs past its RDLENGTH \(4 bytes/,
    );
  });

  it('refuses a name longer than 255 octets, even one made of pointers', () => {
    // 5 labels of 63 octets: 320 octets.
    const long = Buffer.concat([
      Buffer.from('000181800001000000000000', 'hex'),
      ...Array.from({ length: 5 }, () => Buffer.concat([Buffer.from([63]), Buffer.alloc(63, 97)])),
      Buffer.from('0000010001', 'hex'),
    ]);
    expect(checkDnsMessage(long)).toMatch(/longer than 255 octets/);
  });

  it('reports counts that promise more than the datagram holds (65,535 answers in 12 bytes)', () => {
    expect(checkDnsMessage(Buffer.from('000181800000ffff00000000', 'hex'))).toBe(
      'cut short: the name of answer 1 needs bytes up to 13, the datagram has 12',
    );
  });

  it('never throws on mutated answers, and what it passes decodes to real addresses', () => {
    // Byte-level mutations of a valid answer: overwrite, cut, or insert bytes anywhere.
    const mutated = fc
      .array(
        fc.record({
          at: fc.nat(),
          kind: fc.constantFrom('set', 'cut', 'insert'),
          byte: fc.integer({ min: 0, max: 255 }),
        }),
        { minLength: 1, maxLength: 4 },
      )
      .map((changes) => {
        let bytes = Buffer.from(ANSWER);
        for (const { at, kind, byte } of changes) {
          const i = at % (bytes.length + 1);
          if (kind === 'set' && i < bytes.length) bytes[i] = byte;
          else if (kind === 'cut') bytes = bytes.subarray(0, i);
          else
            bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i)]);
        }
        return bytes;
      });
    fc.assert(
      fc.property(mutated, (bytes) => {
        const problem = checkDnsMessage(bytes);
        if (problem !== undefined) return;
        // Passed: dns-packet may still refuse it (dig reports that too), but it never reads past
        // the end, so no address comes out as "127.undefined...".
        let answers: ReturnType<typeof decode>['answers'];
        try {
          answers = decode(bytes).answers;
        } catch {
          return;
        }
        for (const answer of answers ?? []) {
          if (answer.type === 'A' || answer.type === 'AAAA') expect(isIP(answer.data)).not.toBe(0);
        }
      }),
      { seed: 6, numRuns: 5_000 },
    );
  });
});
