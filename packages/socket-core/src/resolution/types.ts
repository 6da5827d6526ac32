// The options every resolution call takes: which of Node's two resolution paths to use.
import type { Resolver } from 'node:dns/promises';

export type { Family, SockAddr, SockType } from '../types.ts';

/** Which way a name is resolved, and how long to wait. */
export interface ResolutionOptions {
  /**
   * Resolve with DNS queries to this resolver's servers (`dns.resolve4/6`, `dns.reverse`:
   * c-ares, no /etc/hosts) instead of through the operating system (`dns.lookup`,
   * `dns.lookupService`: getaddrinfo/getnameinfo, /etc/hosts, nsswitch). Leave it out to get what
   * Python's socket module gets. Tests pass the resolver of testbed's fake DNS server here.
   */
  resolver?: Resolver;
  /**
   * Give up after this many milliseconds (default 10,000); null waits as long as the resolver
   * does. On the system path the getaddrinfo call itself cannot be cancelled: it keeps one of
   * libuv's four pool threads busy until the C library gives up, even after we stop waiting.
   */
  timeout?: number | null;
}
