// What the fake DNS server knows and how it answers one question: pure logic, no sockets.
import net from 'node:net';
import type { Answer, Question } from 'dns-packet';
import { reverseName } from './reverse-name.ts';

/** The records one name has. Every field is optional; a name with none of them exists but has no data. */
export interface DnsRecordSet {
  A?: readonly string[];
  AAAA?: readonly string[];
  /** This name is an alias of another name (a CNAME record). Queries follow it inside the zone. */
  CNAME?: string;
  /** Names for a reverse lookup. Key the entry by the IP address, or by its in-addr.arpa name. */
  PTR?: readonly string[];
  TXT?: readonly string[];
}

/**
 * Everything the fake server knows, by name (case and a trailing dot do not matter). An IP address
 * as a key means its reverse name, so `{ '192.0.2.7': { PTR: ['web.test'] } }` answers PTR queries
 * for 7.2.0.192.in-addr.arpa.
 */
export type DnsZone = Readonly<Record<string, DnsRecordSet>>;

/** The answer to one question: a response code and the records to send. */
export interface ZoneAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN';
  answers: Answer[];
}

export interface AnswerOptions {
  /** Answer every unknown name with this address instead of NXDOMAIN (the lying-ISP mode). */
  hijack?: string | undefined;
  /** TTL written on every record, in seconds (default 60). */
  ttl?: number | undefined;
}

/** Response codes as numbers, for the low 4 bits of the DNS header flags (RFC 1035 §4.1.1). */
export const RCODE = { NOERROR: 0, NXDOMAIN: 3 } as const;

/** How many CNAME hops to follow before giving up: a loop in a test zone must not hang the server. */
const MAX_CNAME_HOPS = 8;

/**
 * Lower-cases names, drops trailing dots and turns IP-address keys into their reverse names, so
 * lookups in `answerQuestion` are simple map reads. Throws on a key that would clash with another.
 *
 * @example
 * normaliseZone({ 'Web.Test.': { A: ['192.0.2.7'] } }).get('web.test') // { A: ['192.0.2.7'] }
 */
export function normaliseZone(zone: DnsZone): Map<string, DnsRecordSet> {
  const out = new Map<string, DnsRecordSet>();
  for (const [key, records] of Object.entries(zone)) {
    const name = reverseName(key) ?? canonicalName(key);
    if (out.has(name)) {
      throw new Error(
        `listenDns: the zone lists ${name} twice (as ${JSON.stringify(key)}); merge the two entries.`,
      );
    }
    out.set(name, records);
  }
  return out;
}

/** The form names are compared in: lower case, no trailing dot. */
export function canonicalName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * Answers one DNS question from the zone, the way an authoritative server would:
 * - a name the zone has: its records of the asked type (none = NOERROR with no data, "NODATA");
 * - a name with a CNAME: the CNAME record, then the target's records when the zone has them;
 * - an unknown name: NXDOMAIN, unless `hijack` is set, in which case an A question (or AAAA, for an
 *   IPv6 hijack address) gets that address, which is exactly what the lying ISP resolvers did.
 *   Other questions about unknown names still get NXDOMAIN: those resolvers lied only where a
 *   browser would follow the answer.
 *
 * @example
 * const zone = normaliseZone({ 'web.test': { A: ['192.0.2.7'] } });
 * answerQuestion(zone, { name: 'web.test', type: 'A' }).answers[0]?.data // '192.0.2.7'
 * answerQuestion(zone, { name: 'nope.test', type: 'A' }).rcode          // 'NXDOMAIN'
 */
export function answerQuestion(
  zone: ReadonlyMap<string, DnsRecordSet>,
  question: Question,
  options: AnswerOptions = {},
): ZoneAnswer {
  const ttl = options.ttl ?? 60;
  const answers: Answer[] = [];
  // The owner name of each record: the question's own spelling first, then each CNAME target.
  let owner = question.name;
  for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
    const records = zone.get(canonicalName(owner));
    if (records === undefined) {
      if (hop > 0) return { rcode: 'NOERROR', answers }; // the alias points outside the zone
      return unknownName(question, options.hijack, ttl);
    }
    if (records.CNAME !== undefined && question.type !== 'CNAME') {
      answers.push({ type: 'CNAME', name: owner, ttl, data: records.CNAME });
      owner = records.CNAME;
      continue;
    }
    answers.push(...recordsOfType(records, question.type, owner, ttl));
    return { rcode: 'NOERROR', answers };
  }
  return { rcode: 'NOERROR', answers }; // a CNAME loop: stop, as real servers do, with what we have
}

// #region hijack
function unknownName(question: Question, hijack: string | undefined, ttl: number): ZoneAnswer {
  if (hijack !== undefined) {
    const type = net.isIPv6(hijack) ? 'AAAA' : 'A';
    if (question.type === type) {
      return { rcode: 'NOERROR', answers: [{ type, name: question.name, ttl, data: hijack }] };
    }
  }
  return { rcode: 'NXDOMAIN', answers: [] };
}
// #endregion hijack

function recordsOfType(
  records: DnsRecordSet,
  type: Question['type'],
  name: string,
  ttl: number,
): Answer[] {
  switch (type) {
    case 'A':
    case 'AAAA':
    case 'PTR':
      return (records[type] ?? []).map((data) => ({ type, name, ttl, data }));
    case 'CNAME':
      return records.CNAME === undefined ? [] : [{ type, name, ttl, data: records.CNAME }];
    case 'TXT':
      return (records.TXT ?? []).map((data) => ({ type, name, ttl, data }));
    default:
      return [];
  }
}
