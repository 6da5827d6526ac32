// Mutant: follows CNAMEs for as long as there are any: no limit and no check for a name seen before
// Why students write it: real CNAME chains end, so a loop seems impossible
// Exercise 2: gethostbyname_ex, assembled from Node's DNS calls.
//
// Python's socket.gethostbyname_ex(name) returns (canonical name, aliases, IPv4 addresses).
// Node has no such call, and dns.lookup cannot tell you the aliases. A DNS resolver can: a name
// may be an alias (a CNAME record) of another name, which may be an alias of another, until the
// canonical name, which has the A records.
//
// Build it from a dns.promises.Resolver (the grader's points at a fake DNS server):
//   - resolver.resolveCname(n) gives the name n is an alias of. It rejects with code 'ENODATA'
//     when n has no CNAME (n is canonical), and 'ENOTFOUND' when n does not exist at all.
//   - resolver.resolve4(n) gives the IPv4 addresses (it follows CNAMEs by itself).
// Return [canonical, aliases, addresses], where aliases are the names met on the way, in order,
// starting with `name` itself; for a name with no CNAME that is [name, [], addresses].
// An IPv4 literal is its own answer, [ip, [], [ip]], without asking the resolver anything.
// Only ENODATA from resolveCname is an answer ("no CNAME here"). Any other failure is not: a
// name that does not exist (ENOTFOUND), a timeout, a server failure (ESERVFAIL) must reject with
// an error that keeps its `code` (letting the resolver's own error through is fine).
// Follow at most 8 CNAMEs, so that a loop cannot hang you; when the end of the chain has no IPv4
// address (resolve4 gives [] for a loop), reject with code 'ENODATA' and a message naming
// `name`, as C's gethostbyname does rather than return a host with no address.

import type { Resolver } from 'node:dns/promises';
import { isIPv4 } from 'node:net';

export type HostEntry = [hostname: string, aliases: string[], addresses: string[]];

/**
 * `[canonical name, aliases, IPv4 addresses]` for `name`, through `resolver`.
 *
 * @example
 * // with www.web.test CNAME cdn.web.test, cdn.web.test CNAME web.test, web.test A 192.0.2.7:
 * await gethostbynameEx('www.web.test', resolver)
 * // ['web.test', ['www.web.test', 'cdn.web.test'], ['192.0.2.7']]
 */
export async function gethostbynameEx(name: string, resolver: Resolver): Promise<HostEntry> {
  if (isIPv4(name)) return [name, [], [name]];
  const chain = [name];
  for (;;) {
    const current = chain[chain.length - 1] ?? name;
    let target: string | undefined;
    try {
      [target] = await resolver.resolveCname(current);
    } catch (error) {
      // No CNAME: current is canonical. Anything else (ENOTFOUND, a timeout) is the answer.
      if ((error as NodeJS.ErrnoException).code === 'ENODATA') break;
      throw error;
    }
    if (target === undefined) break;
    chain.push(target);
  }
  const addresses = await resolver.resolve4(name);
  if (addresses.length === 0) {
    throw Object.assign(new Error(`gethostbynameEx: ${name} has no IPv4 address`), {
      code: 'ENODATA',
    });
  }
  const canonical = chain[chain.length - 1] ?? name;
  return [canonical, chain.slice(0, -1), addresses];
}
