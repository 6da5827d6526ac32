// "Your own dig" against chapter 1's fake DNS server, and against servers that misbehave.
import dgram from 'node:dgram';
import { once } from 'node:events';
import { SocketTimeoutError } from '@netprog/socket-core';
import { LossyPlan, listenDns, listenLossyUdp } from '@netprog/testbed';
import { decode, encode } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { answersQuestion, buildQuery, DnsReplyError, dig, formatDig, hexDump } from '../src/dig.ts';
import { DnsNameError } from '../src/dns-name.ts';

const RECORDS = {
  'web.test': { A: ['192.0.2.7'] },
  'www.web.test': { CNAME: 'web.test' },
};

describe('buildQuery', () => {
  it('writes the header, the labels, the type and the class, byte for byte (RFC 1035 §4.1)', () => {
    expect(buildQuery('web.test', 'A', 0x1234).toString('hex')).toBe(
      '1234' +
        '0100' +
        '0001' +
        '0000' +
        '0000' +
        '0000' +
        '03776562' +
        '0474657374' +
        '00' +
        '0001' +
        '0001',
    );
    expect(hexDump(Buffer.from('abc'))).toBe('61 62 63');
  });
});

describe('dig', () => {
  it('asks the fake server and gets its records, following a CNAME', async () => {
    await using dns = await listenDns({ records: RECORDS });
    const result = await dig(dns.address, 'www.web.test', 'A', { id: 4242 });
    expect(result.response.id).toBe(4242);
    expect(result.response.rcode).toBe('NOERROR');
    expect(result.response.answers?.map((a) => ('data' in a ? a.data : null))).toEqual([
      'web.test',
      '192.0.2.7',
    ]);
    expect(dns.queries).toEqual([{ name: 'www.web.test', type: 'A', transport: 'udp' }]);
    expect(result.tries).toBe(1);
    const text = formatDig(result);
    expect(text).toContain('status: NOERROR, id: 4242');
    expect(text).toMatch(/web\.test\.\s+60\s+IN {2}A\s+192\.0\.2\.7/);
  });

  it('reports NXDOMAIN for a name the server does not know', async () => {
    await using dns = await listenDns({ records: RECORDS });
    const result = await dig(dns.address, 'nope.test');
    expect(result.response.rcode).toBe('NXDOMAIN');
    expect(formatDig(result)).toContain('status: NXDOMAIN');
  });

  it('ignores a forged answer (wrong ID, or another question) and waits for the real one', async () => {
    const server = dgram.createSocket('udp4');
    server.on('message', (message, rinfo) => {
      const query = decode(message);
      const answer = (id: number, name: string) =>
        encode({
          type: 'response',
          id,
          flags: 0x8180,
          questions: [{ type: 'A', name, class: 'IN' }],
          answers: [
            {
              type: 'A',
              name,
              ttl: 1,
              data: id === query.id && name === 'web.test' ? '192.0.2.7' : '6.6.6.6',
            },
          ],
        });
      const send = (bytes: Buffer) => server.send(bytes, rinfo.port, rinfo.address);
      send(Buffer.from('not even DNS'));
      send(answer(((query.id ?? 0) + 1) % 65_536, 'web.test')); // wrong ID
      send(answer(query.id ?? 0, 'evil.test')); // right ID, wrong question
      send(answer(query.id ?? 0, 'web.test'));
    });
    server.bind(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const result = await dig(['127.0.0.1', server.address().port], 'web.test');
      expect(result.response.answers?.map((a) => ('data' in a ? a.data : null))).toEqual([
        '192.0.2.7',
      ]);
    } finally {
      server.close();
    }
  });

  it('sends the same query again when the first is lost, and gives up after `tries`', {
    timeout: 15_000,
  }, async () => {
    // A seed whose plan loses the first arrival and delivers the second.
    let seed = 1;
    while (
      !(
        new LossyPlan({ seed, loss: 0.5 }).decision(0).drop &&
        !new LossyPlan({ seed, loss: 0.5 }).decision(1).drop
      )
    )
      seed++;
    const ids: number[] = [];
    await using peer = await listenLossyUdp({
      seed,
      loss: 0.5,
      respond: (message) => {
        const query = decode(message);
        ids.push(query.id ?? -1);
        return encode({
          type: 'response',
          id: query.id ?? 0,
          flags: 0x8180,
          questions: query.questions ?? [],
          answers: [],
        });
      },
    });
    const result = await dig(peer.address, 'web.test', 'A', { timeoutMs: 1_000, tries: 2, id: 77 });
    expect(result.tries).toBe(2);
    expect(peer.stats).toMatchObject({ received: 2, dropped: 1 });
    expect(ids).toEqual([77]);

    await using silent = await listenLossyUdp({ seed: 1, loss: 1 });
    const started = performance.now();
    await expect(
      dig(silent.address, 'web.test', 'A', { timeoutMs: 100, tries: 3 }),
    ).rejects.toBeInstanceOf(SocketTimeoutError);
    expect(silent.stats.received).toBe(3);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('matches answers by ID, question name (any case) and type', () => {
    const response = decode(
      encode({
        type: 'response',
        id: 9,
        questions: [{ type: 'A', name: 'Web.Test', class: 'IN' }],
      }),
    );
    expect(answersQuestion(response, 9, 'web.test.', 'A')).toBe(true);
    expect(answersQuestion(response, 10, 'web.test', 'A')).toBe(false);
    expect(answersQuestion(response, 9, 'web.test', 'AAAA')).toBe(false);
  });

  it('reports an answer cut short instead of printing 127.undefined.undefined.undefined', async () => {
    await using server = await fakeServer((query) =>
      answerTo(query, [{ type: 'A', name: 'web.test', ttl: 1, data: '127.0.0.1' }]).subarray(0, -3),
    );
    const error = await dig(server.address, 'web.test', 'A', { timeoutMs: 2_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DnsReplyError);
    // The chapter's text quotes this message.
    expect((error as Error).message).toBe(
      'the reply (47 bytes) is not a valid DNS message: cut short: answer 1 needs bytes up to 50, the datagram has 47',
    );
  });

  it('reads an answer of 5,000 bytes whole (more than the 4,096 it used to read)', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(240, '.'));
    await using server = await fakeServer((query) =>
      answerTo(
        query,
        texts.map((text) => ({ type: 'TXT' as const, name: 'web.test', ttl: 1, data: [text] })),
      ),
    );
    const result = await dig(server.address, 'web.test', 'TXT', { timeoutMs: 2_000 });
    expect(result.responseSize).toBeGreaterThan(5_000);
    expect(result.response.answers).toHaveLength(20);
    expect(formatDig(result)).toContain('over the classic 512-byte UDP limit');
  });

  it('refuses a name that cannot be a DNS name before sending anything (exit 2, not a timeout)', async () => {
    await using server = await fakeServer(() => Buffer.alloc(0));
    for (const name of ['a..b', 'x'.repeat(64)]) {
      await expect(dig(server.address, name, 'A')).rejects.toBeInstanceOf(DnsNameError);
    }
    expect(server.received).toBe(0);
  });
});

/** A UDP server on 127.0.0.1 that answers each query with `reply(query)`, counting queries. */
async function fakeServer(reply: (query: ReturnType<typeof decode>) => Buffer) {
  const socket = dgram.createSocket('udp4');
  let received = 0;
  socket.on('message', (message, from) => {
    received += 1;
    socket.send(reply(decode(message)), from.port, from.address);
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return {
    address: ['127.0.0.1', socket.address().port] as [string, number],
    get received() {
      return received;
    },
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** The response to `query` with these answers. */
function answerTo(
  query: ReturnType<typeof decode>,
  answers: Parameters<typeof encode>[0]['answers'],
) {
  return encode({
    type: 'response',
    id: query.id ?? 0,
    flags: 0x8180,
    questions: query.questions ?? [],
    answers,
  });
}
