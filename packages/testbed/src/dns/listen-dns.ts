// A fake DNS server on 127.0.0.1 (UDP, optionally TCP on the same port) that answers from a zone.
import dgram from 'node:dgram';
import { promises as dnsPromises } from 'node:dns';
import { once } from 'node:events';
import net from 'node:net';
import {
  type DecodedPacket,
  decode,
  encode,
  type Packet,
  RECURSION_AVAILABLE,
  RECURSION_DESIRED,
} from 'dns-packet';
import {
  closeOnce,
  type Fixture,
  loopbackFixture,
  type Recorded,
  type SockAddr,
  variesOf,
  type WireOptions,
} from '../fixtures/fixture.ts';
import { isStranger } from '../fixtures/stranger.ts';
import { markTestEnd } from '../wire/record/probe-queues.ts';
import { tapSocket } from '../wire/record/tap-socket.ts';
import { type ConnectionRecord, fixtureLog } from '../wire/record/wire-log.ts';
import { answerQuestion, type DnsZone, normaliseZone, RCODE } from './zone.ts';

export interface DnsServerOptions extends WireOptions {
  /** The names the server knows (default: none, so every name is NXDOMAIN). */
  records?: DnsZone;
  /** Lying-ISP mode: every unknown name gets this address instead of NXDOMAIN. */
  hijack?: string;
  /** Wait this long before each answer (default 0). Longer than a resolver's timeout = ETIMEOUT. */
  delayMs?: number;
  /** Also answer DNS over TCP on the same port number (default false). */
  tcp?: boolean;
  /** TTL on every record, in seconds (default 60). */
  ttl?: number;
  /**
   * The port (default 0: one the kernel picks). Only a private network namespace may use 53,
   * where the C library's resolver can be pointed at this server (see tools/fake-dns-sandbox.ts);
   * on a real machine port 53 belongs to the system's resolver.
   */
  port?: number;
}

/** One question the server received, in arrival order. */
export interface DnsQuery {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
}

export interface ResolverOptions {
  /**
   * Per-try timeout in milliseconds (default 1000: loopback answers take well under 1 ms). c-ares
   * 1.34 (Node 20) treats very small values loosely: 20 ms gave up after about 260 ms here.
   */
  timeoutMs?: number;
  /** How many times to send each query (default 1, so a test sees a failure at once). */
  tries?: number;
}

export interface DnsServer extends Fixture, Recorded {
  /** `'127.0.0.1:PORT'`, the form `Resolver#setServers` takes. */
  readonly server: string;
  /** Every question received so far (UDP and TCP), oldest first. */
  readonly queries: readonly DnsQuery[];
  /** A new `dns.promises.Resolver` that asks this server and nothing else. Cancelled on close(). */
  resolver(options?: ResolverOptions): dnsPromises.Resolver;
}

/** How often to try for a port that is free for both UDP and TCP before giving up. */
const PORT_ATTEMPTS = 5;

/** A query's ID, its first two bytes: random by design, so never a difference (Transcript.varies). */
const QUERY_ID = '^([\\s\\S]{2})';
/** Over TCP the ID follows the two-byte length (only the stream's first query is matched). */
const QUERY_ID_OVER_TCP = '^[\\s\\S]{2}([\\s\\S]{2})';

/**
 * Starts a fake DNS server on 127.0.0.1, on a port the kernel picks, answering A, AAAA, CNAME,
 * PTR and TXT questions from `records`; unknown names get NXDOMAIN, or the `hijack` address.
 * Point Node at it with `Resolver#setServers([server.server])`, or take a ready `server.resolver()`.
 *
 * Only the `dns.resolve*()` family and `dns.reverse()` can use it: `dns.lookup()` asks the
 * operating system (getaddrinfo), which reads /etc/resolv.conf and cannot be pointed at a port.
 *
 * @example
 * await using dns = await listenDns({ records: { 'web.test': { A: ['192.0.2.7'] } } });
 * await dns.resolver().resolve4('web.test');            // ['192.0.2.7']
 * await dns.resolver().resolve4('nope.test');           // rejects, code 'ENOTFOUND' (NXDOMAIN)
 * await using isp = await listenDns({ hijack: '203.0.113.7' });
 * await isp.resolver().resolve4('madeupnameblag');      // ['203.0.113.7']: the ISP lies
 */
export async function listenDns(options: DnsServerOptions = {}): Promise<DnsServer> {
  const zone = normaliseZone(options.records ?? {});
  if (options.hijack !== undefined && net.isIP(options.hijack) === 0) {
    throw new Error(
      `listenDns: hijack must be an IP address such as '203.0.113.7', got ${JSON.stringify(options.hijack)}.`,
    );
  }
  const delayMs = options.delayMs ?? 0;
  const queries: DnsQuery[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const resolvers = new Set<dnsPromises.Resolver>();
  const tcpClients = new Set<net.Socket>();

  /** The response to one query packet; null when the packet is not a DNS query. */
  const respond = (request: Buffer, transport: DnsQuery['transport']): Packet | null => {
    let query: DecodedPacket;
    try {
      query = decode(request);
    } catch {
      return null; // not DNS: a real server drops garbage too
    }
    if (query.type !== 'query') return null;
    const question = query.questions?.[0];
    if (question === undefined) return null;
    queries.push({ name: question.name, type: question.type, transport });
    const { rcode, answers } = answerQuestion(zone, question, {
      hijack: options.hijack,
      ttl: options.ttl,
    });
    return {
      type: 'response',
      id: query.id ?? 0,
      // RD is echoed back; RA says we recurse (clients expect it from a resolver); low bits = rcode.
      flags: ((query.flags ?? 0) & RECURSION_DESIRED) | RECURSION_AVAILABLE | RCODE[rcode],
      questions: [question],
      answers,
    };
  };

  /** Runs `send` after the configured delay; the timer is cancelled if the server closes first. */
  const later = (send: () => void): void => {
    if (delayMs <= 0) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, delayMs);
    timers.add(timer);
  };

  const { udp, tcp, port } = await bindSockets(options.tcp === true, options.port ?? 0);
  const here: SockAddr = ['127.0.0.1', port];
  const wire = fixtureLog(options.wire, here);
  // One transcript for the UDP socket (every client's datagrams), one per TCP connection. A
  // query's first two bytes are its ID, random by design (RFC 5452): not a difference from the
  // reference solution's query.
  const udpRecord = wire.open({
    protocol: 'udp',
    fixture: 'server',
    label: 'dns',
    server: here,
    varies: [QUERY_ID, ...(variesOf(options).varies ?? [])],
  });
  const tcpRecords = new Map<net.Socket, ConnectionRecord>();

  udp.on('message', (message, rinfo) => {
    const from: SockAddr = [rinfo.address, rinfo.port];
    const response = respond(message, 'udp');
    udpRecord.datagram('client', from, here, message, {
      meaning:
        response === null ? 'not a DNS query: ignored' : `query ${describeQuestion(response)}`,
    });
    if (response === null) return;
    // The callback swallows send errors: a client that went away is not the server's failure.
    later(() => {
      const bytes = encode(response);
      udpRecord.datagram('server', here, from, bytes, {
        meaning: `answer ${describeAnswer(response)}`,
      });
      udp.send(bytes, rinfo.port, rinfo.address, () => {});
    });
  });

  tcp?.on('connection', (client) => {
    // Another process's connection (a port scan): turned away unrecorded, as listenTcp does.
    if (isStranger(client)) {
      client.on('error', () => {});
      wire.ignoreStranger();
      client.destroy();
      return;
    }
    const record = wire.open({
      protocol: 'tcp',
      fixture: 'server',
      label: 'dns',
      server: here,
      client: [client.remoteAddress ?? '', client.remotePort ?? 0],
      varies: [QUERY_ID_OVER_TCP, ...(variesOf(options).varies ?? [])],
    });
    record.connect();
    tapSocket(client, record, 'server');
    tcpRecords.set(client, record);
    tcpClients.add(client);
    client.on('close', () => {
      tcpClients.delete(client);
      tcpRecords.delete(client);
    });
    client.on('error', () => client.destroy()); // a client that resets is its own problem
    let pending = Buffer.alloc(0);
    client.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      // DNS over TCP frames each message with a 2-byte length (RFC 1035 §4.2.2).
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const length = pending.readUInt16BE(0);
        const response = respond(pending.subarray(2, 2 + length), 'tcp');
        pending = pending.subarray(2 + length);
        if (response === null) {
          client.destroy();
          return;
        }
        later(() => {
          const body = encode(response);
          const frame = Buffer.alloc(2 + body.length);
          frame.writeUInt16BE(body.length, 0);
          body.copy(frame, 2);
          if (!client.destroyed) client.write(frame);
        });
      }
    });
  });

  const close = closeOnce(async () => {
    udpRecord.teardown();
    await markTestEnd([...tcpRecords.values()], wire.probeAtEnd);
    for (const resolver of resolvers) resolver.cancel();
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    for (const client of tcpClients) client.destroy();
    await Promise.all([
      new Promise<void>((resolve) => udp.close(() => resolve())),
      tcp === undefined ? undefined : new Promise<void>((resolve) => tcp.close(() => resolve())),
    ]);
  });

  const fixture = loopbackFixture(port, close);
  const server = `${fixture.host}:${port}`;
  return {
    ...fixture,
    server,
    queries,
    wire,
    resolver(resolverOptions: ResolverOptions = {}) {
      const resolver = new dnsPromises.Resolver({
        timeout: resolverOptions.timeoutMs ?? 1_000,
        tries: resolverOptions.tries ?? 1,
      });
      resolver.setServers([server]);
      resolvers.add(resolver);
      return resolver;
    },
  };
}

/**
 * Binds UDP on 127.0.0.1 (port 0 unless told) and, when asked, TCP on the same port number. The
 * kernel picks UDP and TCP ports independently, so the TCP port can already be taken: then start
 * again.
 */
async function bindSockets(
  withTcp: boolean,
  wanted: number,
): Promise<{ udp: dgram.Socket; tcp: net.Server | undefined; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const udp = dgram.createSocket('udp4');
    udp.bind(wanted, '127.0.0.1');
    await once(udp, 'listening');
    const { port } = udp.address();
    if (!withTcp) return { udp, tcp: undefined, port };
    const tcp = net.createServer();
    try {
      tcp.listen({ host: '127.0.0.1', port });
      await once(tcp, 'listening');
      return { udp, tcp, port };
    } catch (error) {
      udp.close();
      tcp.close();
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= PORT_ATTEMPTS)
        throw error;
    }
  }
}

/** "A? web.test": the question, as dig writes it. */
function describeQuestion(packet: Packet): string {
  const question = packet.questions?.[0];
  return question === undefined ? '(no question)' : `${question.type}? ${question.name}`;
}

/** "A web.test → 192.0.2.7" or "NXDOMAIN nope.test": what the answer says. */
function describeAnswer(packet: Packet): string {
  const rcode = (packet.flags ?? 0) & 0x0f;
  const question = packet.questions?.[0]?.name ?? '';
  if (rcode === RCODE.NXDOMAIN) return `NXDOMAIN ${question}`;
  const answers = (packet.answers ?? []).map((answer) => {
    const data: unknown = 'data' in answer ? answer.data : undefined;
    // A, AAAA, CNAME and PTR carry a string; TXT a list of strings or Buffers.
    const shown = Array.isArray(data) ? data.map(String).join(' ') : String(data ?? '');
    return `${answer.type} ${shown}`;
  });
  return `${question} → ${answers.length === 0 ? 'no records' : answers.join(', ')}`;
}
