import dgram from 'node:dgram';
import { once } from 'node:events';
import { listenDns, listenLossyUdp } from '@netprog/testbed';
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
    expect(() => encodeQuery(1, 'a..test')).toThrow(RangeError);
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

  it('reads the rcode from the low 4 bits of the flags', () => {
    const nxdomain = hex('0042 8183 0001 0000 0000 0000 04 6e6f7065 04 74657374 00 0001 0001');
    expect(decodeReply(nxdomain)).toEqual({ id: 0x42, rcode: 3, answers: [] });
  });
});

describe('resolveA over UDP', () => {
  it('gets the addresses from chapter 1’s fake DNS server, with one A question', async () => {
    await using dns = await listenDns({
      records: { 'multi.test': { A: ['192.0.2.7', '192.0.2.8'] } },
    });
    expect(await resolveA(dns.address, 'multi.test', 1_000)).toEqual(['192.0.2.7', '192.0.2.8']);
    expect(dns.queries).toEqual([{ name: 'multi.test', type: 'A', transport: 'udp' }]);
  });

  it('follows the server’s CNAME answer to the addresses', async () => {
    await using dns = await listenDns({
      records: { 'www.web.test': { CNAME: 'web.test' }, 'web.test': { A: ['192.0.2.9'] } },
    });
    expect(await resolveA(dns.address, 'www.web.test', 1_000)).toEqual(['192.0.2.9']);
  });

  it('rejects with code ENOTFOUND for a name that does not exist', async () => {
    await using dns = await listenDns();
    const code = await resolveA(dns.address, 'nope.test', 1_000).then(
      () => 'resolved',
      (e: NodeJS.ErrnoException) => e.code,
    );
    expect(code).toBe('ENOTFOUND');
  });

  it('ignores a reply with another ID and takes the real one', async () => {
    const server = dgram.createSocket('udp4');
    server.on('message', (query, rinfo) => {
      const reply = (id: number, last: number) => {
        const bytes = Buffer.from(COMPRESSED_REPLY);
        bytes.writeUInt16BE(id, 0);
        bytes[bytes.length - 1] = last;
        return bytes;
      };
      const id = query.readUInt16BE(0);
      server.send(reply((id + 1) % 65_536, 66), rinfo.port, rinfo.address); // a forgery
      server.send(reply(id, 7), rinfo.port, rinfo.address);
    });
    server.bind(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      expect(await resolveA(['127.0.0.1', server.address().port], 'www.web.test', 1_000)).toEqual([
        '192.0.2.7',
      ]);
    } finally {
      server.close();
    }
  });

  it('uses a new random ID for each query', async () => {
    const ids = new Set<number>();
    const server = dgram.createSocket('udp4');
    server.on('message', (query, rinfo) => {
      ids.add(query.readUInt16BE(0));
      const reply = Buffer.from(COMPRESSED_REPLY);
      query.copy(reply, 0, 0, 2);
      server.send(reply, rinfo.port, rinfo.address);
    });
    server.bind(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      for (let i = 0; i < 5; i++)
        await resolveA(['127.0.0.1', server.address().port], 'www.web.test', 1_000);
      expect(ids.size).toBeGreaterThanOrEqual(4);
    } finally {
      server.close();
    }
  });

  it('rejects with code ETIMEDOUT when the server never answers, after about timeoutMs', async () => {
    await using silent = await listenLossyUdp({ seed: 1, loss: 1 });
    const started = performance.now();
    const code = await resolveA(silent.address, 'web.test', 200).then(
      () => 'resolved',
      (e: NodeJS.ErrnoException) => e.code,
    );
    expect(code).toBe('ETIMEDOUT');
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
