import dgram from 'node:dgram';
import { once } from 'node:events';
import { closedUdpPort, listenDns, listenLossyUdp } from '@netprog/testbed';
import { expectNearLimit, TIMING_RETRIES, within } from '@netprog/testbed/timing';
import { describe, expect, it } from 'vitest';
import { decodeReply, encodeQuery, resolveA } from '../exercises/dns-query.ts';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

/**
 * A reply as a real server writes it, with compressed names: the question is www.web.test A;
 * answer 1 is a CNAME whose owner is a pointer to the question's name (c0 0c) and whose data
 * points into it (c0 10 = "web.test"); answer 2 is the A record, named by a pointer to answer 1's
 * data, which is itself a pointer.
 */
const COMPRESSED_REPLY = hex(`
  beef 8180 0001 0002 0000 0000
  03 777777 03 776562 04 74657374 00   0001 0001
  c00c 0005 0001 0000012c 0002 c010
  c02a 0001 0001 0000003c 0004 c0000207
`);

/**
 * The same question, answered by a CNAME whose data is 4 bytes long ('a' then a pointer to
 * web.test: "a.web.test"), then the A record of a.web.test, whose TTL (86,400 s) needs all 32
 * bits. Only the A record is an address, although both have 4 bytes of data. A third record, of
 * type 1 but with no data at all, is no address either.
 */
const CNAME_OF_FOUR_BYTES = hex(`
  0007 8180 0001 0003 0000 0000
  03 777777 03 776562 04 74657374 00   0001 0001
  c00c 0005 0001 00000e10 0004 0161c010
  c02a 0001 0001 00015180 0004 c0000208
  c02a 0001 0001 00015180 0000
`);

/** What a test server may do with each query: reply, reply later, and see who asked. */
interface Answering {
  reply(bytes: Uint8Array): void;
  later(ms: number, action: () => void): void;
  /** The port the query came from. */
  port: number;
}

/** A UDP server on 127.0.0.1 for one test; its timers are cleared and its socket closed after. */
async function customServer(answer: (query: Buffer, to: Answering) => void) {
  const server = dgram.createSocket('udp4');
  const timers = new Set<NodeJS.Timeout>();
  server.on('message', (query, rinfo) => {
    answer(query, {
      reply: (bytes) => server.send(bytes, rinfo.port, rinfo.address),
      later: (ms, action) => timers.add(setTimeout(action, ms)),
      port: rinfo.port,
    });
  });
  server.bind(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    address: ['127.0.0.1', server.address().port] as [string, number],
    [Symbol.asyncDispose]: async () => {
      for (const timer of timers) clearTimeout(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** COMPRESSED_REPLY with another ID, and its last address byte changed. */
function replyWith(id: number, lastByte: number): Buffer {
  const bytes = Buffer.from(COMPRESSED_REPLY);
  bytes.writeUInt16BE(id, 0);
  bytes[bytes.length - 1] = lastByte;
  return bytes;
}

describe('encodeQuery', () => {
  it('writes the header and the question byte for byte (RFC 1035 §4.1)', () => {
    expect(encodeQuery(0x1234, 'web.test').toString('hex')).toBe(
      '1234 0100 0001 0000 0000 0000 03776562 0474657374 00 0001 0001'.replaceAll(' ', ''),
    );
    expect(encodeQuery(0xffff, 'a.b.c.').toString('hex')).toBe(
      'ffff 0100 0001 0000 0000 0000 0161 0162 0163 00 0001 0001'.replaceAll(' ', ''),
    );
  });

  it('refuses a label longer than 63 bytes or an empty label with a RangeError', () => {
    expect(() => encodeQuery(1, `${'x'.repeat(64)}.test`)).toThrow(RangeError);
    expect(() => encodeQuery(1, `${'x'.repeat(64)}.test`), 'the message shows the label').toThrow(
      'x'.repeat(64),
    );
    expect(() => encodeQuery(1, 'a..test')).toThrow(RangeError);
    expect(() => encodeQuery(1, 'a..test'), 'the message shows the name').toThrow('a..test');
    expect(encodeQuery(1, `${'x'.repeat(63)}.test`).length).toBe(12 + 1 + 63 + 5 + 1 + 4);
  });
});

describe('decodeReply', () => {
  it('follows compressed names and keeps only the A records', () => {
    expect(decodeReply(COMPRESSED_REPLY)).toEqual({
      id: 0xbeef,
      rcode: 0,
      answers: [{ name: 'web.test', ttl: 60, address: '192.0.2.7' }],
    });
  });

  it('keeps only type-1 records, even when another record has 4 bytes of data; TTLs are 32-bit', () => {
    expect(decodeReply(CNAME_OF_FOUR_BYTES)).toEqual({
      id: 7,
      rcode: 0,
      answers: [{ name: 'a.web.test', ttl: 86_400, address: '192.0.2.8' }],
    });
  });

  it('refuses a name whose pointers go round in a loop, instead of hanging', () => {
    // The answer's name is a pointer to itself (offset 26 = 0x1a).
    const looping = hex(`
      0009 8180 0001 0001 0000 0000
      03 776562 04 74657374 00   0001 0001
      c01a 0001 0001 0000003c 0004 c0000207
    `);
    expect(() => decodeReply(looping)).toThrow(RangeError);
    expect(() => decodeReply(looping), 'the message gives the offset of the name').toThrow(
      /\b26\b/,
    );
  });

  it('reads the rcode from the low 4 bits of the flags', () => {
    const nxdomain = hex('0042 8183 0001 0000 0000 0000 04 6e6f7065 04 74657374 00 0001 0001');
    expect(decodeReply(nxdomain)).toEqual({ id: 0x42, rcode: 3, answers: [] });
  });
});

// Each test has its own server, so they run side by side (describe.concurrent).
describe.concurrent('resolveA over UDP', () => {
  it('gets the addresses from chapter 1’s fake DNS server, with one A question', async ({
    expect,
  }) => {
    await using dns = await listenDns({
      records: { 'multi.test': { A: ['192.0.2.7', '192.0.2.8'] } },
    });
    expect(await resolveA(dns.address, 'multi.test', 1_000)).toEqual(['192.0.2.7', '192.0.2.8']);
    expect(dns.queries, 'the queries the server received').toEqual([
      { name: 'multi.test', type: 'A', transport: 'udp' },
    ]);
  });

  it('follows the server’s CNAME answer to the addresses', async ({ expect }) => {
    await using dns = await listenDns({
      records: { 'www.web.test': { CNAME: 'web.test' }, 'web.test': { A: ['192.0.2.9'] } },
    });
    expect(await resolveA(dns.address, 'www.web.test', 1_000)).toEqual(['192.0.2.9']);
  });

  it('rejects with code ENOTFOUND for a name that does not exist', async ({ expect }) => {
    await using dns = await listenDns();
    const error = await resolveA(dns.address, 'nope.test', 1_000).then(
      (addresses) => new Error(`resolved with ${JSON.stringify(addresses)}`),
      (e: NodeJS.ErrnoException) => e,
    );
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
    expect(error.message, 'the message names the name').toContain('nope.test');
  });

  it(
    'passes a refusal (nothing listening on the port) through at once',
    TIMING_RETRIES,
    async ({ expect }) => {
      await using closed = await closedUdpPort();
      const started = performance.now();
      const error = await resolveA(closed.address, 'web.test', 2_000).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ECONNREFUSED' });
      expect(performance.now() - started, 'ms until the refusal came through').toBeLessThan(1_000);
    },
  );

  it('ignores a datagram that is not DNS and a reply with another ID, and takes the real one', async ({
    expect,
  }) => {
    await using server = await customServer((query, to) => {
      const id = query.readUInt16BE(0);
      to.reply(Buffer.from('not DNS')); // too short even for a header
      to.reply(replyWith((id + 1) % 65_536, 66)); // a forgery: 192.0.2.66
      to.reply(replyWith(id, 7)); // the answer: 192.0.2.7
    });
    expect(await resolveA(server.address, 'www.web.test', 1_000)).toEqual(['192.0.2.7']);
  });

  it('ignores a reply with the right ID from another address', async ({ expect }) => {
    // An attacker who has seen the query answers first, from its own port.
    const attacker = dgram.createSocket('udp4');
    attacker.bind(0, '127.0.0.1');
    await once(attacker, 'listening');
    try {
      await using server = await customServer((query, to) => {
        const id = query.readUInt16BE(0);
        attacker.send(replyWith(id, 66), to.port, '127.0.0.1');
        to.later(20, () => to.reply(replyWith(id, 7)));
      });
      expect(await resolveA(server.address, 'www.web.test', 1_000)).toEqual(['192.0.2.7']);
    } finally {
      attacker.close();
    }
  });

  it(
    'rejects with code ETIMEDOUT when the server never answers, within ±20% of timeoutMs',
    TIMING_RETRIES,
    async ({ expect }) => {
      // A query's first two bytes are its random ID: not a difference from the reference's query.
      await using silent = await listenLossyUdp({ seed: 1, loss: 1, varies: [/^([\s\S]{2})/] });
      const started = performance.now();
      const error = await within(
        resolveA(silent.address, 'web.test', 300).then(
          () => new Error('resolved'),
          (e: NodeJS.ErrnoException) => e,
        ),
        2_000,
        'resolveA settling',
      );
      expect(error).toMatchObject({ code: 'ETIMEDOUT' });
      expect(error.message, 'the message names the name').toContain('web.test');
      expect(error.message, 'the message names the server').toContain(silent.address.join(':'));
      expectNearLimit(performance.now() - started, 300, 'rejected', expect);
    },
  );

  it(
    'does not wait longer when wrong replies keep coming: the limit counts from the query',
    TIMING_RETRIES,
    async ({ expect }) => {
      // Every 50 ms, a reply with the wrong ID; never the right one.
      await using server = await customServer((query, to) => {
        const wrong = replyWith((query.readUInt16BE(0) + 1) % 65_536, 66);
        for (let ms = 50; ms <= 1_500; ms += 50) to.later(ms, () => to.reply(wrong));
      });
      const started = performance.now();
      const code = await within(
        resolveA(server.address, 'www.web.test', 300).then(
          () => 'resolved',
          (e: NodeJS.ErrnoException) => e.code,
        ),
        2_000,
        'resolveA settling while wrong replies kept coming',
      );
      expect(code).toBe('ETIMEDOUT');
      expectNearLimit(performance.now() - started, 300, 'rejected', expect);
    },
  );
});

// Alone, so that no other test's queries come between these eight.
describe('resolveA, one query after another', () => {
  it('uses a new random ID for each query, not a counter', async () => {
    const ids: number[] = [];
    await using server = await customServer((query, to) => {
      ids.push(query.readUInt16BE(0));
      to.reply(replyWith(query.readUInt16BE(0), 7));
    });
    for (let i = 0; i < 8; i++) await resolveA(server.address, 'www.web.test', 1_000);
    expect(new Set(ids).size, `IDs ${ids.join(', ')}`).toBeGreaterThanOrEqual(7);
    const steps = ids.slice(1).map((id, i) => (id - (ids[i] as number) + 65_536) % 65_536);
    expect(
      steps.every((step) => step === steps[0]),
      `IDs ${ids.join(', ')} go up by the same step: a predictable ID lets anyone forge the answer`,
    ).toBe(false);
  });
});
