import { once } from 'node:events';
import net from 'node:net';
import {
  type Answer,
  type DecodedPacket,
  decode,
  encode,
  type Packet,
  streamEncode,
} from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { listenDns } from '../src/dns/index.ts';
import { handlesSettleTo, openHandles } from './handles.ts';

/** A DNS error as c-ares reports it: the code, e.g. 'ENOTFOUND' for NXDOMAIN. */
async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

/** The data of a record (dns-packet's OPT pseudo-record type has none, so the type needs a check). */
const dataOf = (record: Answer): unknown => ('data' in record ? record.data : undefined);

/** dns-packet's decode() also sets `rcode`, which its type definitions leave out. */
type DecodedWithRcode = DecodedPacket & { rcode: string };

/** Sends one query over TCP with the 2-byte length prefix and reads one framed answer (bounded). */
async function queryOverTcp(port: number, question: Packet): Promise<DecodedWithRcode> {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.setTimeout(2_000, () => socket.destroy(new Error('no TCP answer within 2 s')));
  try {
    await once(socket, 'connect');
    socket.write(streamEncode(question));
    let received = Buffer.alloc(0);
    for await (const chunk of socket) {
      received = Buffer.concat([received, chunk as Buffer]);
      if (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) break;
    }
    return decode(received.subarray(2, 2 + received.readUInt16BE(0))) as DecodedWithRcode;
  } finally {
    socket.destroy();
  }
}

describe('listenDns', () => {
  const records = {
    'web.test': { A: ['192.0.2.7', '192.0.2.8'], AAAA: ['2001:db8::7'] },
    'www.web.test': { CNAME: 'web.test' },
    localhost: { A: ['127.0.0.53'] },
    '192.0.2.7': { PTR: ['web.test', 'alias.web.test'] },
  };

  it('answers A, AAAA, CNAME and PTR questions from its zone through a Resolver', async () => {
    await using dns = await listenDns({ records });
    expect(dns.host).toBe('127.0.0.1');
    expect(dns.server).toBe(`127.0.0.1:${dns.port}`);
    expect(dns.address).toEqual(['127.0.0.1', dns.port]);
    const resolver = dns.resolver();
    expect(resolver.getServers()).toEqual([dns.server]);
    expect(await resolver.resolve4('web.test')).toEqual(['192.0.2.7', '192.0.2.8']);
    expect(await resolver.resolve6('web.test')).toEqual(['2001:db8::7']);
    expect(await resolver.resolve4('www.web.test')).toEqual(['192.0.2.7', '192.0.2.8']);
    expect(await resolver.resolveCname('www.web.test')).toEqual(['web.test']);
    expect(await resolver.reverse('192.0.2.7')).toEqual(['web.test', 'alias.web.test']);
    // The DNS path never reads /etc/hosts: here "localhost" is whatever the server says.
    expect(await resolver.resolve4('localhost')).toEqual(['127.0.0.53']);
    expect(dns.queries.map((q) => `${q.type} ${q.name} ${q.transport}`)).toEqual([
      'A web.test udp',
      'AAAA web.test udp',
      'A www.web.test udp',
      'CNAME www.web.test udp',
      'PTR 7.2.0.192.in-addr.arpa udp',
      'A localhost udp',
    ]);
  });

  it('answers unknown names with NXDOMAIN, which Node reports as ENOTFOUND', async () => {
    await using dns = await listenDns({ records });
    expect(await errorCode(dns.resolver().resolve4('madeupnameblag'))).toBe('ENOTFOUND');
    expect(await errorCode(dns.resolver().reverse('192.0.2.99'))).toBe('ENOTFOUND');
  });

  it('in hijack mode answers every unknown name with the fixed address, and known names truthfully', async () => {
    await using isp = await listenDns({ records, hijack: '203.0.113.7' });
    const resolver = isp.resolver();
    expect(await resolver.resolve4('madeupnameblag')).toEqual(['203.0.113.7']);
    expect(await resolver.resolve4('x7f3q.invalid')).toEqual(['203.0.113.7']);
    expect(await resolver.resolve4('web.test')).toEqual(['192.0.2.7', '192.0.2.8']);
  });

  it('delays its answers: a resolver whose timeout is shorter gets ETIMEOUT', async () => {
    await using slow = await listenDns({ records, delayMs: 1_500 });
    const started = performance.now();
    expect(await errorCode(slow.resolver({ timeoutMs: 100 }).resolve4('web.test'))).toBe(
      'ETIMEOUT',
    );
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('delays its answers: a patient resolver still gets them', async () => {
    await using slow = await listenDns({ records, delayMs: 100 });
    const started = performance.now();
    expect(await slow.resolver({ timeoutMs: 2_000 }).resolve4('web.test')).toEqual([
      '192.0.2.7',
      '192.0.2.8',
    ]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('answers over TCP on the same port when asked to', async () => {
    await using dns = await listenDns({ records, tcp: true });
    const answer = await queryOverTcp(dns.port, {
      type: 'query',
      id: 4242,
      questions: [{ type: 'A', name: 'web.test' }],
    });
    expect(answer.id).toBe(4242);
    expect(answer.answers?.map(dataOf)).toEqual(['192.0.2.7', '192.0.2.8']);
    const missing = await queryOverTcp(dns.port, {
      type: 'query',
      id: 7,
      questions: [{ type: 'A', name: 'nope.test' }],
    });
    expect(missing.rcode).toBe('NXDOMAIN');
    expect(dns.queries.map((q) => q.transport)).toEqual(['tcp', 'tcp']);
  });

  it('ignores datagrams that are not DNS queries and keeps serving', async () => {
    await using dns = await listenDns({ records });
    const dgram = await import('node:dgram');
    const client = dgram.createSocket('udp4');
    try {
      await new Promise<void>((resolve, reject) =>
        client.send(Buffer.from('not dns'), dns.port, dns.host, (e) => (e ? reject(e) : resolve())),
      );
      // A response is not a query either: a server must never answer answers.
      const response = encode({
        type: 'response',
        id: 1,
        questions: [{ type: 'A', name: 'web.test' }],
      });
      await new Promise<void>((resolve, reject) =>
        client.send(response, dns.port, dns.host, (e) => (e ? reject(e) : resolve())),
      );
    } finally {
      client.close();
    }
    expect(await dns.resolver().resolve4('web.test')).toEqual(['192.0.2.7', '192.0.2.8']);
    expect(dns.queries).toHaveLength(1);
  });

  it('cancels pending queries and frees every socket on close()', async () => {
    const before = await openHandles();
    const dns = await listenDns({ records, tcp: true, delayMs: 5_000 });
    const pending = errorCode(dns.resolver({ timeoutMs: 4_000 }).resolve4('web.test'));
    await dns.close();
    await dns.close(); // twice is fine
    expect(await pending).toBe('ECANCELLED');
    expect(await handlesSettleTo(before)).toEqual(before);
  });

  it('rejects a hijack value that is not an IP address', async () => {
    await expect(listenDns({ hijack: 'ads.example' })).rejects.toThrow(
      /hijack must be an IP address/,
    );
  });
});
