// The question tests and examples ask before they let the operating system resolve a name:
// would that stay on this machine? (The same rule the guard applies to dns.lookup.)
import {
  type ForwardQuestion,
  forwardLookupRefusal,
  type LookupFamily,
  reverseLookupRefusal,
} from './hosts-answer.ts';
import { readResolverFiles } from './read-resolver-files.ts';

/**
 * Why asking the operating system's resolver (getaddrinfo: dns.lookup, Python's
 * socket.getaddrinfo, getent) about `name` for `family` would ask DNS, or undefined when
 * /etc/hosts answers it on this machine. A test or example that is about to ask a program
 * the guard cannot see (python3, getent) checks here first and skips with the reason.
 *
 * @example
 * systemLookupRefusal('localhost', 6)
 * // here: '/etc/hosts lists localhost for IPv4 only, so an IPv6 lookup of it asks DNS'
 * systemLookupRefusal('localhost', 6, { v4mapped: true }) // undefined: the IPv4 line answers
 */
export function systemLookupRefusal(
  name: string,
  family: LookupFamily = 0,
  hints: Pick<ForwardQuestion, 'v4mapped' | 'addrconfig'> = {},
): string | undefined {
  return forwardLookupRefusal({ name, family, ...hints }, readResolverFiles());
}

/**
 * Why a reverse lookup of `address` (getnameinfo: dns.lookupService, Python's gethostbyaddr)
 * would ask DNS, or undefined when /etc/hosts has a line for it.
 *
 * @example
 * systemReverseLookupRefusal('127.0.0.1') // undefined where /etc/hosts lists 127.0.0.1
 */
export function systemReverseLookupRefusal(address: string): string | undefined {
  return reverseLookupRefusal(address, readResolverFiles());
}
