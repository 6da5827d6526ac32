// "Your own dig": one DNS question over UDP, built and read with a wire-format library
// (dns-packet), sent with the Berkeley calls. DNS is the UDP protocol everyone uses every day, and
// it shows every idea of this chapter: one question per datagram, an ID to match the answer to
// the question, a timeout and a retry, because UDP itself guarantees nothing.
import { randomInt } from 'node:crypto';
import {
  type DatagramSocket,
  type SockAddr,
  SocketTimeoutError,
  socket,
} from '@netprog/socket-core';
import {
  type Answer,
  type DecodedPacket,
  decode,
  encode,
  RECURSION_DESIRED,
  type RecordType,
} from 'dns-packet';
import { checkDnsName } from './dns-name.ts';
import { checkDnsMessage } from './dns-reply-check.ts';

/** The record types this dig asks about (any type dns-packet knows would work). */
export const DIG_TYPES = ['A', 'AAAA', 'CNAME', 'TXT', 'PTR', 'MX', 'NS', 'SOA', 'SRV'] as const;
export type DigType = (typeof DIG_TYPES)[number];

/** dns-packet's decode() also sets `rcode` ('NOERROR', 'NXDOMAIN'...); its types leave it out. */
export type DnsResponse = DecodedPacket & { rcode?: string };

export interface DigOptions {
  /** How long to wait for an answer to each try, in milliseconds (default 1000). */
  timeoutMs?: number;
  /** How many times to send the question before giving up (default 2: UDP loses datagrams). */
  tries?: number;
  /** The query ID (default: random, as every resolver must choose it; see the chapter). */
  id?: number;
}

export interface DigResult {
  readonly server: SockAddr;
  /** The query exactly as it went on the wire. */
  readonly query: Buffer;
  readonly response: DnsResponse;
  /** The size of the answer datagram in bytes (dig's "MSG SIZE rcvd"). */
  readonly responseSize: number;
  /** From sending the try that was answered to receiving the answer. */
  readonly rttMs: number;
  /** Which try was answered (1 = the first). */
  readonly tries: number;
}

/** The biggest answer a DNS client must accept over UDP without EDNS (RFC 1035 §4.2.1). */
const DNS_UDP_LIMIT = 512;
/**
 * What we read: the largest UDP payload there is, so no answer is ever cut by us. A server whose
 * answer does not fit what the client can take (512 bytes without EDNS) cuts it itself and sets
 * the TC bit, which formatDig reports: the whole answer then needs DNS over TCP.
 */
const RECEIVE_BUFSIZE = 65_535;

/** A reply to our query (its ID) that is cut short or malformed: the server's answer is unusable. */
export class DnsReplyError extends Error {
  override readonly name = 'DnsReplyError';
}

// #region build-query
/**
 * The query datagram: a 12-byte header (ID, flags with RD "recursion desired", one question)
 * and the question (name as length-prefixed labels, type, class IN). dns-packet writes the
 * bytes; chapter 6's lab asks you to write them yourself.
 *
 * @example
 * buildQuery('web.test', 'A', 0x1234).toString('hex')
 * // '1234 0100 0001 0000 0000 0000' (header) + '03 776562 04 74657374 00' (name) + '0001 0001' (A, IN),
 * // without the spaces: '1234010000010000000000000377656204746573740000010001'
 */
export function buildQuery(name: string, type: DigType, id: number): Buffer {
  checkDnsName(name); // an empty label or a 64-octet one cannot be encoded: say so now
  return encode({
    type: 'query',
    id,
    flags: RECURSION_DESIRED,
    questions: [{ type: type as RecordType, name, class: 'IN' }],
  });
}
// #endregion build-query

/**
 * Asks `server` one question over UDP and resolves with the answer, like `dig @server name type`.
 * Each try waits `timeoutMs`; then the same query (same ID) is sent again, up to `tries` times.
 * Datagrams that are not the answer to THIS question (another ID, another question, not a
 * response, not DNS at all) are ignored: anyone can send a datagram to our port, and accepting
 * a forged answer is how DNS cache poisoning works.
 *
 * Rejects with SocketTimeoutError when no try is answered, and with SocketError ECONNREFUSED
 * when nothing is bound to the server's port (the socket is connected, so the kernel's ICMP
 * port unreachable reaches us). Rejects with DnsNameError (a UsageError) before sending anything
 * when `name` cannot be a DNS name, and with DnsReplyError when the reply with our ID is cut
 * short or malformed.
 *
 * @example
 * await using dns = await listenDns({ records: { 'web.test': { A: ['192.0.2.7'] } } });
 * const { response } = await dig(dns.address, 'web.test', 'A');
 * response.answers?.[0]; // { name: 'web.test', type: 'A', ttl: 60, class: 'IN', data: '192.0.2.7', ... }
 */
export async function dig(
  server: SockAddr,
  name: string,
  type: DigType = 'A',
  options: DigOptions = {},
): Promise<DigResult> {
  const { timeoutMs = 1_000, tries = 2, id = randomInt(0, 65_536) } = options;
  const query = buildQuery(name, type, id);
  await using sock = socket(server[0].includes(':') ? 'AF_INET6' : 'AF_INET', 'SOCK_DGRAM');
  await sock.connect(server);
  // #region retry
  for (let attempt = 1; ; attempt++) {
    const sentAt = process.hrtime.bigint();
    await sock.send(query);
    try {
      const [response, size] = await awaitAnswer(sock, id, name, type, sentAt, timeoutMs);
      const rttMs = Number(process.hrtime.bigint() - sentAt) / 1e6;
      return { server, query, response, responseSize: size, rttMs, tries: attempt };
    } catch (error) {
      if (!(error instanceof SocketTimeoutError) || attempt >= tries) throw error;
    }
  }
  // #endregion retry
}

/** Reads datagrams until the answer to this question arrives, or the try's time is up. */
async function awaitAnswer(
  sock: DatagramSocket,
  id: number,
  name: string,
  type: DigType,
  sentAt: bigint,
  timeoutMs: number,
): Promise<[DnsResponse, number]> {
  const deadline = sentAt + BigInt(Math.round(timeoutMs * 1e6));
  for (;;) {
    const leftMs = Number(deadline - process.hrtime.bigint()) / 1e6;
    // A timeout of 0 would mean "non-blocking" (EAGAIN): the time is up, so wait 1 ms at most.
    sock.settimeout(Math.max(leftMs, 1));
    const { data: datagram, truncated, size } = await sock.recvmsg(RECEIVE_BUFSIZE);
    // Not a response with our ID: anyone can send us a datagram; ignore it, as a resolver does.
    if (datagram.length < 4 || datagram.readUInt16BE(0) !== id || (datagram[2]! & 0x80) === 0) {
      continue;
    }
    if (truncated) {
      throw new DnsReplyError(`the reply is ${size} bytes, more than the ${RECEIVE_BUFSIZE} read`);
    }
    const response = decodeChecked(datagram);
    if (answersQuestion(response, id, name, type)) return [response, datagram.length];
  }
}

/** Decodes a reply after checking every length in it (dns-packet checks few of them). */
function decodeChecked(datagram: Buffer): DnsResponse {
  const problem = checkDnsMessage(datagram);
  if (problem !== undefined) {
    throw new DnsReplyError(
      `the reply (${datagram.length} bytes) is not a valid DNS message: ${problem}`,
    );
  }
  try {
    return decode(datagram);
  } catch (error) {
    throw new DnsReplyError(`the reply could not be decoded: ${(error as Error).message}`);
  }
}

/**
 * True when `response` is the answer to the question we sent, by ID and by question (the name in
 * any letter case, with or without the trailing dot).
 *
 * @example
 * answersQuestion(decode(datagram), 4242, 'web.test', 'A'); // false for a forged or stray answer
 */
export function answersQuestion(
  response: DnsResponse,
  id: number,
  name: string,
  type: DigType,
): boolean {
  const question = response.questions?.[0];
  return (
    response.type === 'response' &&
    response.id === id &&
    question !== undefined &&
    question.type === type &&
    canonical(question.name) === canonical(name)
  );
}

function canonical(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * The answer, printed the way dig prints it (header, question, answer, statistics).
 *
 * @example
 * console.log(formatDig(await dig(server, 'web.test', 'A')));
 * // ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4660 ...
 */
export function formatDig(result: DigResult): string {
  const { response, server } = result;
  const flags = (
    [
      ['qr', response.flag_qr],
      ['aa', response.flag_aa],
      ['tc', response.flag_tc],
      ['rd', response.flag_rd],
      ['ra', response.flag_ra],
    ] as const
  )
    .filter(([, on]) => on)
    .map(([flag]) => flag)
    .join(' ');
  const answers = response.answers ?? [];
  const lines = [
    `;; ->>HEADER<<- opcode: QUERY, status: ${response.rcode ?? 'NOERROR'}, id: ${response.id}`,
    `;; flags: ${flags}; QUERY: ${response.questions?.length ?? 0}, ANSWER: ${answers.length}, ` +
      `AUTHORITY: ${response.authorities?.length ?? 0}, ADDITIONAL: ${response.additionals?.length ?? 0}`,
    '',
    ';; QUESTION SECTION:',
    ...(response.questions ?? []).map((q) => `;${fqdn(q.name).padEnd(30)} IN  ${q.type}`),
  ];
  if (answers.length > 0) lines.push('', ';; ANSWER SECTION:', ...answers.map(formatRecord));
  if (response.flag_tc) {
    lines.push(
      '',
      ';; Truncated (TC): the full answer needs DNS over TCP, which this dig does not do',
    );
  }
  const host = server[0].includes(':') ? `[${server[0]}]` : server[0];
  lines.push(
    '',
    `;; Query time: ${result.rttMs.toFixed(3)} ms (try ${result.tries})`,
    `;; SERVER: ${host}:${server[1]} (UDP)`,
    `;; MSG SIZE  rcvd: ${result.responseSize}${result.responseSize > DNS_UDP_LIMIT ? ' (over the classic 512-byte UDP limit)' : ''}`,
  );
  return lines.join('\n');
}

/**
 * A datagram as hex, 16 bytes per line, for looking at the wire format.
 *
 * @example
 * hexDump(Buffer.from('abc')) // '61 62 63'
 */
export function hexDump(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex').match(/../g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < hex.length; i += 16) lines.push(hex.slice(i, i + 16).join(' '));
  return lines.join('\n');
}

function formatRecord(record: Answer): string {
  const ttl = 'ttl' in record && record.ttl !== undefined ? String(record.ttl) : '';
  return `${fqdn(record.name).padEnd(30)} ${ttl.padEnd(6)} IN  ${record.type.padEnd(6)} ${recordData(record)}`;
}

function recordData(record: Answer): string {
  if (!('data' in record)) return '';
  const { data } = record;
  switch (record.type) {
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return fqdn(String(data));
    case 'TXT': {
      const parts = Array.isArray(data) ? data : [data];
      return parts.map((part) => JSON.stringify(String(part))).join(' ');
    }
    case 'MX':
      return `${record.data.preference} ${fqdn(record.data.exchange)}`;
    default:
      return typeof data === 'string' ? data : JSON.stringify(data);
  }
}

function fqdn(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}
