// Mutant: returns the last dotted name instead of the first
// Why students write it: a loop that assigns the result each time it sees a dot keeps the last one
// Exercise 1: getfqdn, by Python's own rule.
//
// Python's socket.getfqdn(name) is not a C call: it is a few lines of Python built on
// gethostname() and gethostbyaddr(). Rebuild it. The two calls are passed in (`deps`), so the
// grader can hand you real ones (socket-core's, pointed at a fake DNS server) or stand-ins.
//
// The rule (CPython's code, which differs from its docs in step 3):
//   1. Trim the name. If it is then empty, '0.0.0.0' or '::', use deps.gethostname() instead.
//   2. Call deps.gethostbyaddr(name) → [hostname, aliases, addresses].
//   3. Return the first of [hostname, ...aliases] that contains a dot; if none does, return
//      hostname (the name gethostbyaddr gave, not the one you passed in).
//   4. If gethostbyaddr rejects, return the name from step 1 unchanged.

/** A host entry, as Python's gethostbyaddr returns it: (hostname, aliaslist, ipaddrlist). */
export type HostEntry = [hostname: string, aliases: string[], addresses: string[]];

/** The two calls getfqdn is built from. */
export interface FqdnDeps {
  gethostname(): string;
  gethostbyaddr(name: string): Promise<HostEntry>;
}

/**
 * A fully qualified domain name for `name` (this machine when empty).
 *
 * @example
 * await getfqdn('192.0.2.7', { gethostname: () => 'vm', gethostbyaddr: async () => ['web', ['web.test'], ['192.0.2.7']] })
 * // 'web.test'
 */
export async function getfqdn(name: string, deps: FqdnDeps): Promise<string> {
  let target = name.trim();
  if (target === '' || target === '0.0.0.0' || target === '::') target = deps.gethostname();
  let entry: HostEntry;
  try {
    entry = await deps.gethostbyaddr(target);
  } catch {
    return target;
  }
  const [hostname, aliases] = entry;
  return [hostname, ...aliases].findLast((candidate) => candidate.includes('.')) ?? hostname;
}
