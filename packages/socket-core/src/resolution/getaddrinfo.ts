// getaddrinfo: host + port → the 5-tuples you need to create and connect (or bind) a socket.
import dns from 'node:dns';
import net from 'node:net';
import {
  AI_ADDRCONFIG,
  AI_ALL,
  AI_CANONNAME,
  AI_NUMERICHOST,
  AI_NUMERICSERV,
  AI_PASSIVE,
  AI_V4MAPPED,
  flagNames,
  KNOWN_FLAGS,
  SYSTEM_ONLY_FLAGS,
} from './flags.ts';
import { GaiError } from './resolution-error.ts';
import { type AddressAnswer, resolutionPath } from './resolution-path.ts';
import { type ServiceProtocol, servicePort } from './services.ts';
import type { Family, ResolutionOptions, SockAddr, SockType } from './types.ts';

/** One result: everything `socket()` and `connect()` need, in Python's order. */
export type AddrInfo = [
  family: Family,
  type: SockType,
  proto: number,
  canonname: string,
  sockaddr: SockAddr,
];

export interface GetaddrinfoOptions extends ResolutionOptions {
  /** Only this family (default 'AF_UNSPEC': both). */
  family?: Family | 'AF_UNSPEC';
  /** Only this socket type (default: both SOCK_STREAM and SOCK_DGRAM). */
  type?: SockType;
  /** Only this protocol number: 6 (TCP) or 17 (UDP); 0 = any (default). */
  proto?: number;
  /** AI_* flags or-ed together, e.g. `AI_PASSIVE | AI_NUMERICSERV` (default 0). */
  flags?: number;
}

/** The socket kinds Node can create. Python also lists SOCK_RAW (proto 0); Node has no raw sockets. */
const KINDS: ReadonlyArray<{ type: SockType; proto: number; service: ServiceProtocol }> = [
  { type: 'SOCK_STREAM', proto: 6, service: 'tcp' },
  { type: 'SOCK_DGRAM', proto: 17, service: 'udp' },
];

/**
 * Translates a host and a port into the list of 5-tuples `[family, type, proto, canonname,
 * sockaddr]`, one per address and socket type, like Python's `socket.getaddrinfo`. On the system
 * path the C library's getaddrinfo(3) does the work, for Python and for Node's `dns.lookup` alike.
 *
 * - `host`: a name, an IP literal, or null (with AI_PASSIVE the wildcard addresses to bind a
 *   server to, otherwise the loopback addresses).
 * - `port`: a number, a numeric string, a service name from /etc/services ('http'), or null (0).
 *
 * Where Node cannot do what C does, this says so instead of guessing:
 * - `dns.lookup` returns no canonical name, so AI_CANONNAME works only for IP literals and on the
 *   DNS path (`{ resolver }`, which follows CNAME records); on the system path it is EAI_BADFLAGS.
 * - AI_ADDRCONFIG, AI_V4MAPPED and AI_ALL are passed to the OS as `dns.lookup` hints; the DNS path
 *   has no OS to pass them to, so they are EAI_BADFLAGS there.
 * - IPv6 sockaddrs are `[host, port]`: Python's 4-tuple adds flowinfo and scope_id (both 0 here).
 * - Ports above 65535 are an error. (CPython silently wraps them: 70000 becomes 4464.)
 *
 * @example
 * await getaddrinfo('localhost', 80, { type: 'SOCK_STREAM' });
 * // [['AF_INET', 'SOCK_STREAM', 6, '', ['127.0.0.1', 80]]]   (and ::1 where /etc/hosts lists it)
 * await getaddrinfo(null, 8080, { flags: AI_PASSIVE, family: 'AF_INET' });
 * // [['AF_INET', 'SOCK_STREAM', 6, '', ['0.0.0.0', 8080]], ['AF_INET', 'SOCK_DGRAM', 17, '', ['0.0.0.0', 8080]]]
 */
export async function getaddrinfo(
  host: string | null,
  port: number | string | null,
  options: GetaddrinfoOptions = {},
): Promise<AddrInfo[]> {
  const { family = 'AF_UNSPEC', type, proto = 0, flags = 0 } = options;
  const label = host ?? String(port);
  checkFlags(flags, host, options.resolver !== undefined);
  const kinds = KINDS.filter(
    (k) => (type === undefined || k.type === type) && (proto === 0 || k.proto === proto),
  );
  if (kinds.length === 0) {
    throw gai(
      'EAI_SOCKTYPE',
      'EAI_SOCKTYPE',
      label,
      `no socket type matches type=${type ?? 0}, proto=${proto}; Node has only TCP (SOCK_STREAM, 6) and UDP (SOCK_DGRAM, 17) sockets`,
    );
  }
  const ports = portsFor(port, kinds, flags, label);
  if (host === null && port === null) {
    throw gai('ENOTFOUND', 'EAI_NONAME', 'null', 'host and port cannot both be null');
  }
  // The canonical name first: on the system path it is an error, better found before any lookup.
  const canonname =
    (flags & AI_CANONNAME) !== 0 && host !== null ? await canonicalName(host, options) : '';
  const addresses = await addressesFor(host, familyNumber(family), flags, options);
  // #region tuples
  const results: AddrInfo[] = [];
  for (const { address, family: f } of addresses) {
    for (const kind of ports) {
      // Python (and glibc) put the canonical name on the first result only.
      const canon = results.length === 0 ? canonname : '';
      results.push([
        f === 6 ? 'AF_INET6' : 'AF_INET',
        kind.type,
        kind.proto,
        canon,
        [address, kind.port],
      ]);
    }
  }
  return results;
  // #endregion tuples
}

function familyNumber(family: Family | 'AF_UNSPEC'): 0 | 4 | 6 {
  return family === 'AF_INET' ? 4 : family === 'AF_INET6' ? 6 : 0;
}

function gai(code: string, eai: string, hostname: string, hint: string): GaiError {
  return new GaiError({ code, eai, syscall: 'getaddrinfo', hostname, hint });
}

function checkFlags(flags: number, host: string | null, viaDns: boolean): void {
  if ((flags & ~KNOWN_FLAGS) !== 0 || !Number.isInteger(flags)) {
    throw gai(
      'EAI_BADFLAGS',
      'EAI_BADFLAGS',
      String(host),
      `unknown flag bits in 0x${flags.toString(16)}; use the AI_* constants`,
    );
  }
  if ((flags & AI_CANONNAME) !== 0 && host === null) {
    throw gai(
      'EAI_BADFLAGS',
      'EAI_BADFLAGS',
      'null',
      'AI_CANONNAME needs a host name (C rejects it for a null host too)',
    );
  }
  if (viaDns && (flags & SYSTEM_ONLY_FLAGS) !== 0) {
    throw gai(
      'EAI_BADFLAGS',
      'EAI_BADFLAGS',
      String(host),
      `${flagNames(flags & SYSTEM_ONLY_FLAGS).join(' | ')} are hints for the operating system's getaddrinfo; the DNS path (options.resolver) cannot apply them`,
    );
  }
}

/** The port number for each socket kind; kinds whose protocol lacks a named service are dropped. */
function portsFor(
  port: number | string | null,
  kinds: ReadonlyArray<(typeof KINDS)[number]>,
  flags: number,
  label: string,
): Array<(typeof KINDS)[number] & { port: number }> {
  if (port === null) return kinds.map((k) => ({ ...k, port: 0 }));
  if (typeof port === 'number' || /^\d+$/.test(port)) {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      throw new RangeError(
        `getaddrinfo: port must be an integer from 0 to 65535, got ${JSON.stringify(port)}.`,
      );
    }
    return kinds.map((k) => ({ ...k, port: n }));
  }
  if ((flags & AI_NUMERICSERV) !== 0) {
    throw gai(
      'ENOTFOUND',
      'EAI_NONAME',
      label,
      `AI_NUMERICSERV forbids the service name ${JSON.stringify(port)}; pass its number`,
    );
  }
  const found = kinds.flatMap((k) => {
    const n = servicePort(port, k.service);
    return n === undefined ? [] : [{ ...k, port: n }];
  });
  if (found.length === 0) {
    const protocols = kinds.map((k) => k.service).join('/');
    throw gai(
      'EAI_SERVICE',
      'EAI_SERVICE',
      label,
      `/etc/services lists no ${JSON.stringify(port)} for ${protocols}; pass the port number`,
    );
  }
  return found;
}

/** The addresses for the host: literals and null are answered here, names by the resolution path. */
async function addressesFor(
  host: string | null,
  family: 0 | 4 | 6,
  flags: number,
  options: ResolutionOptions,
): Promise<AddressAnswer[]> {
  if (host === null) {
    // The order glibc returns them in (checked with Python on Linux): the IPv6 loopback first,
    // but the IPv4 wildcard first.
    const passive = (flags & AI_PASSIVE) !== 0;
    const both: AddressAnswer[] = passive
      ? [
          { address: '0.0.0.0', family: 4 },
          { address: '::', family: 6 },
        ]
      : [
          { address: '::1', family: 6 },
          { address: '127.0.0.1', family: 4 },
        ];
    return both.filter((a) => family === 0 || a.family === family);
  }
  const literal = net.isIP(host);
  if (literal !== 0) {
    if (family === 0 || literal === family)
      return [{ address: host, family: literal === 6 ? 6 : 4 }];
    if (family === 6 && (flags & AI_V4MAPPED) !== 0)
      return [{ address: `::ffff:${host}`, family: 6 }];
    // Node's dns.lookup ignores `family` for literals; C (and Python) refuse, and so do we.
    throw gai(
      'EAI_ADDRFAMILY',
      'EAI_ADDRFAMILY',
      host,
      `${host} is an IPv${literal} address but family AF_INET${family === 6 ? '6' : ''} was asked for`,
    );
  }
  if ((flags & AI_NUMERICHOST) !== 0 || host === '') {
    throw gai(
      'ENOTFOUND',
      'EAI_NONAME',
      host,
      host === ''
        ? 'the host is empty; pass null for "any"/"loopback"'
        : 'AI_NUMERICHOST allows IP literals only',
    );
  }
  const hints =
    ((flags & AI_ADDRCONFIG) !== 0 ? dns.ADDRCONFIG : 0) |
    ((flags & AI_V4MAPPED) !== 0 ? dns.V4MAPPED : 0) |
    ((flags & AI_ALL) !== 0 ? dns.ALL : 0);
  return resolutionPath(options).addresses(host, family, hints);
}

async function canonicalName(host: string, options: ResolutionOptions): Promise<string> {
  if (net.isIP(host) !== 0) return host;
  const path = resolutionPath(options);
  if (path.kind === 'system') {
    throw gai(
      'EAI_BADFLAGS',
      'EAI_BADFLAGS',
      host,
      "AI_CANONNAME: Node's dns.lookup does not return the canonical name; pass { resolver } to read it from CNAME records",
    );
  }
  const chain = await path.aliasChain(host);
  return chain[chain.length - 1] ?? host;
}
