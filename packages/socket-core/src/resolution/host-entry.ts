// gethostbyname, gethostbyname_ex and gethostbyaddr: the old (pre-getaddrinfo) BSD calls.
import net from 'node:net';
import { GaiError } from './resolution-error.ts';
import { resolutionPath } from './resolution-path.ts';
import type { ResolutionOptions } from './types.ts';

/** Python's host entry: `(hostname, aliaslist, ipaddrlist)`, C's `struct hostent`. */
export type HostEntry = [hostname: string, aliases: string[], addresses: string[]];

/**
 * The first IPv4 address of a host, as a string: Python's `socket.gethostbyname`. IPv4 only,
 * like the original: use `getaddrinfo` for IPv6. An IPv4 literal is returned as it is.
 *
 * @example
 * await gethostbyname('localhost')                           // '127.0.0.1'
 * await gethostbyname('madeupnameblag', { resolver })        // GaiError ENOTFOUND, or, with a
 *                                                            // hijacking resolver, its address
 */
export async function gethostbyname(
  name: string,
  options: ResolutionOptions = {},
): Promise<string> {
  const [, , addresses] = await gethostbyname_ex(name, options);
  const first = addresses[0];
  // Both paths reject rather than answer with an empty list; this guards the type, not a real case.
  if (first === undefined) throw noAddress(name);
  return first;
}

/**
 * `[canonical name, aliases, IPv4 addresses]` for a host: Python's `socket.gethostbyname_ex`.
 *
 * What Node can and cannot reproduce:
 * - The addresses are exact: `dns.lookup(name, { all: true, family: 4 })` on the system path.
 * - The names are not, on the system path: C's gethostbyname_r reads the canonical name and the
 *   aliases out of /etc/hosts or the DNS answer, and `dns.lookup` returns neither. So there the
 *   result is always `[name, [], addresses]`.
 * - On the DNS path (`{ resolver }`) the CNAME chain is followed with `resolveCname`, giving
 *   Python's shape: `gethostbyname_ex('www.web.test')` → `['web.test', ['www.web.test'], [...]]`.
 *
 * @example
 * await gethostbyname_ex('localhost') // ['localhost', [], ['127.0.0.1']]
 */
// #region gethostbyname-ex
export async function gethostbyname_ex(
  name: string,
  options: ResolutionOptions = {},
): Promise<HostEntry> {
  const literal = net.isIP(name);
  if (literal === 4) return [name, [], [name]];
  if (literal === 6) {
    throw new GaiError({
      code: 'EAI_ADDRFAMILY',
      eai: 'EAI_ADDRFAMILY',
      syscall: 'getaddrinfo',
      hostname: name,
      hint: 'gethostbyname is IPv4 only; use getaddrinfo for IPv6 addresses',
    });
  }
  const path = resolutionPath(options);
  const chain = await path.aliasChain(name);
  const answers = await path.addresses(name, 4);
  // A name listed twice in /etc/hosts comes back twice from getaddrinfo; hostent lists it once.
  const addresses = [...new Set(answers.map((a) => a.address))];
  if (addresses.length === 0) throw noAddress(name);
  const canonical = chain[chain.length - 1] ?? name;
  return [canonical, chain.slice(0, -1), addresses];
}
// #endregion gethostbyname-ex

/**
 * `[host name, aliases, [address]]` for an IP address (or for a host name, which is resolved
 * first): Python's `socket.gethostbyaddr`, reverse resolution. IPv4 and IPv6.
 *
 * - System path: `dns.lookupService(ip, 0)`, i.e. getnameinfo(3) with NI_NAMEREQD, which reads
 *   /etc/hosts and then asks DNS for a PTR record (per /etc/nsswitch.conf). It returns one name,
 *   so `aliases` is always empty there (C's gethostbyaddr would list /etc/hosts aliases).
 * - DNS path (`{ resolver }`): `resolver.reverse(ip)`, a PTR query for `d.c.b.a.in-addr.arpa`
 *   (or the ip6.arpa nibbles); every PTR name after the first becomes an alias.
 * - An address with no name is a GaiError ENOTFOUND. Python raises `socket.herror(1, 'Unknown
 *   host')` there instead: C's gethostbyaddr reports failure through h_errno, not EAI_* codes.
 *
 * @example
 * await gethostbyaddr('127.0.0.1') // ['localhost', [], ['127.0.0.1']]
 */
// #region gethostbyaddr
export async function gethostbyaddr(
  address: string,
  options: ResolutionOptions = {},
): Promise<HostEntry> {
  const path = resolutionPath(options);
  let ip = address;
  if (net.isIP(address) === 0) {
    const [first] = await path.addresses(address, 0);
    if (first === undefined) throw noAddress(address);
    ip = first.address;
  }
  const [hostname = ip, ...aliases] = await path.names(ip);
  return [hostname, aliases, [ip]];
}
// #endregion gethostbyaddr

function noAddress(name: string): GaiError {
  return new GaiError({
    code: 'ENODATA',
    eai: 'EAI_NODATA',
    syscall: 'getaddrinfo',
    hostname: name,
    hint: 'no IPv4 address',
  });
}
