// Which questions to the operating system's resolver stay on this machine: the rule, as pure
// functions over the files glibc reads.
//
// glibc's getaddrinfo (what dns.lookup calls) and getnameinfo (dns.lookupService) ask the
// sources on the `hosts:` line of /etc/nsswitch.conf in order and stop at the first that knows
// the answer. When that line starts with `files` and /etc/hosts has the answer, nothing else is
// asked; in every other case the next sources run, and on most machines one of them is `dns`,
// which sends the question to the servers in /etc/resolv.conf. What counts as "/etc/hosts has
// the answer" is glibc's, checked on this machine (Debian 12, glibc 2.36) under strace:
// - names compare without regard to case (`LOCALHOST` finds `localhost`), but a trailing dot is
//   NOT removed: `localhost.` matches no line, so it goes to DNS;
// - `localhost` is not special: with only `127.0.0.1 localhost` in the file, an IPv6 lookup of
//   it (AF_INET6) finds nothing there and asks DNS for `AAAA localhost`;
// - an IPv6 lookup with AI_V4MAPPED also accepts the IPv4 lines (no DNS query);
// - a lookup of either family (AF_UNSPEC) stops at any line for the name, but AI_ADDRCONFIG
//   narrows it to the one family this machine has addresses of, when it has only one;
// - a reverse lookup finds an address only if a line starts with exactly that address:
//   `::1` and `::ffff:127.0.0.1` are asked of DNS when only `127.0.0.1` is listed.
import { isIP, isIPv4 } from 'node:net';
import { ipv6Groups } from './is-loopback.ts';

/** An IP address family as getaddrinfo is asked for it: 0 is AF_UNSPEC (either). */
export type LookupFamily = 0 | 4 | 6;

/** One forward question to getaddrinfo: a name, a family and the hints that change the family. */
export interface ForwardQuestion {
  name: string;
  family: LookupFamily;
  /** AI_V4MAPPED: an IPv6 lookup may answer with IPv4 addresses written as IPv6. */
  v4mapped?: boolean;
  /** AI_ADDRCONFIG: only families this machine has a (non-loopback) address of. */
  addrconfig?: boolean;
}

/** What the rule reads: the two files' contents and two facts about the machine. */
export interface ResolverFiles {
  /** The text of /etc/hosts. */
  hosts: string;
  /** The text of /etc/nsswitch.conf. */
  nsswitch: string;
  /** process.platform: only glibc's resolver (Linux) follows nsswitch.conf. */
  platform: string;
  /** The families this machine has an address of besides 127.0.0.1 and ::1 (for AI_ADDRCONFIG). */
  configured: ReadonlySet<4 | 6>;
}

/** One line of /etc/hosts: an address and the names (canonical name, then aliases) it gives. */
export interface HostsLine {
  address: string;
  family: 4 | 6;
  names: string[];
}

/**
 * The lines of /etc/hosts, comments and malformed lines left out.
 *
 * @example
 * parseHostsFile('127.0.0.1 localhost vm # here\n')
 * // [{ address: '127.0.0.1', family: 4, names: ['localhost', 'vm'] }]
 */
export function parseHostsFile(text: string): HostsLine[] {
  const lines: HostsLine[] = [];
  for (const line of withoutComments(text).split('\n')) {
    const [address = '', ...names] = fields(line);
    const family = isIP(address);
    if (family === 0 || names.length === 0) continue;
    lines.push({ address, family: family === 4 ? 4 : 6, names });
  }
  return lines;
}

/**
 * Why /etc/hosts is not certain to be asked first and alone, or undefined when it is: the
 * platform is Linux and the `hosts:` line of nsswitch.conf starts with `files`, not followed by
 * an action that goes on after a success (`[SUCCESS=continue]`).
 *
 * @example
 * filesFirstRefusal('hosts: files mdns4_minimal [NOTFOUND=return] dns\n', 'linux') // undefined
 * filesFirstRefusal('hosts: resolve files\n', 'linux') // '/etc/nsswitch.conf asks resolve before /etc/hosts'
 */
export function filesFirstRefusal(nsswitch: string, platform: string): string | undefined {
  if (platform !== 'linux') {
    return `on ${platform} the system resolver does not follow /etc/nsswitch.conf, so the guard cannot tell whether it asks DNS`;
  }
  const hostsLine = /^hosts:(.*)$/m.exec(withoutComments(nsswitch))?.[1];
  const first = fields(hostsLine ?? '')[0];
  if (first === undefined) {
    return '/etc/nsswitch.conf has no hosts: line, so which source answers is unknown';
  }
  if (first !== 'files') return `/etc/nsswitch.conf asks ${first} before /etc/hosts`;
  // An action right after files ([NOTFOUND=return], say) only matters if it changes SUCCESS.
  const action = /^\s*files\s*(\[[^\]]*\])/.exec(hostsLine ?? '')?.[1];
  if (action !== undefined && /success/i.test(action)) {
    return `/etc/nsswitch.conf says ${action} after files, so a lookup may go on`;
  }
  return undefined;
}

/**
 * The family glibc really looks up: with AI_ADDRCONFIG, an AF_UNSPEC lookup on a machine that
 * has addresses of one family only (besides loopback) becomes a lookup of that family; with
 * both, or none, it stays AF_UNSPEC.
 *
 * @example
 * effectiveFamily({ name: 'x', family: 0, addrconfig: true }, new Set([6])) // 6
 */
export function effectiveFamily(
  question: ForwardQuestion,
  configured: ReadonlySet<4 | 6>,
): LookupFamily {
  if (question.family !== 0 || question.addrconfig !== true || configured.size !== 1) {
    return question.family;
  }
  return configured.has(4) ? 4 : 6;
}

/**
 * Why getaddrinfo would ask something other than /etc/hosts for this question (a sentence that
 * names the name and the family), or undefined when /etc/hosts answers it and nothing leaves the
 * machine. IP literals and the empty name are answered without any lookup.
 *
 * @example
 * const files = { hosts: '127.0.0.1 localhost\n', nsswitch: 'hosts: files dns\n', platform: 'linux', configured: new Set([4, 6]) };
 * forwardLookupRefusal({ name: 'localhost', family: 4 }, files) // undefined
 * forwardLookupRefusal({ name: 'localhost', family: 6 }, files)
 * // '/etc/hosts lists localhost for IPv4 only, so an IPv6 lookup of it asks DNS'
 */
export function forwardLookupRefusal(
  question: ForwardQuestion,
  files: ResolverFiles,
): string | undefined {
  const { name } = question;
  if (name === '' || isIP(name) !== 0) return undefined;
  const family = effectiveFamily(question, files.configured);
  const notFirst = filesFirstRefusal(files.nsswitch, files.platform);
  if (notFirst !== undefined) {
    return `${notFirst}, so ${familyName(question.family)} lookup of ${name} may ask DNS`;
  }
  const lines = parseHostsFile(files.hosts);
  const listed = familiesListing(name, lines);
  const asksDns = `so ${familyName(question.family)} lookup of it asks DNS`;
  if (listed.size === 0) {
    const bare = name.endsWith('.') ? name.slice(0, -1) : '';
    if (bare !== '' && familiesListing(bare, lines).size > 0) {
      return `/etc/hosts lists ${bare}, but glibc keeps the trailing dot of ${name}, ${asksDns}`;
    }
    return `/etc/hosts has no line for ${name}, ${asksDns}`;
  }
  if (family === 0 || listed.has(family)) return undefined;
  if (family === 6 && question.v4mapped === true) return undefined; // the IPv4 lines answer it
  const only = `/etc/hosts lists ${name} for ${listed.has(4) ? 'IPv4' : 'IPv6'} only`;
  if (family === question.family) return `${only}, ${asksDns}`;
  // AI_ADDRCONFIG narrowed an either-family lookup to the one family this machine has.
  const missing = family === 6 ? 'IPv4' : 'IPv6';
  return `${only}, and with AI_ADDRCONFIG on a machine with no ${missing} address besides loopback, ${familyName(0)} lookup of it becomes ${familyName(family)} one and asks DNS`;
}

/**
 * Why getnameinfo would ask DNS for the name of this address (a PTR query), or undefined when a
 * line of /etc/hosts starts with exactly this address (written in any IPv6 spelling).
 *
 * @example
 * reverseLookupRefusal('::1', { hosts: '127.0.0.1 localhost\n', ... })
 * // '/etc/hosts has no line for ::1, so a reverse lookup of it asks DNS (a PTR query)'
 */
export function reverseLookupRefusal(address: string, files: ResolverFiles): string | undefined {
  const notFirst = filesFirstRefusal(files.nsswitch, files.platform);
  if (notFirst !== undefined) return notFirst;
  const wanted = addressKey(address);
  const found = parseHostsFile(files.hosts).some((line) => addressKey(line.address) === wanted);
  if (found && wanted !== undefined) return undefined;
  return `/etc/hosts has no line for ${address}, so a reverse lookup of it asks DNS (a PTR query)`;
}

/**
 * The family a lookup asks for, with its article, for messages.
 *
 * @example
 * familyName(6) // 'an IPv6'
 * familyName(0) // 'an IPv4/IPv6' (AF_UNSPEC)
 */
export function familyName(family: LookupFamily): string {
  if (family === 0) return 'an IPv4/IPv6';
  return family === 4 ? 'an IPv4' : 'an IPv6';
}

/** The families of the lines that list `name` (compared without regard to case, as glibc does). */
function familiesListing(name: string, lines: HostsLine[]): Set<4 | 6> {
  const wanted = name.toLowerCase();
  const families = new Set<4 | 6>();
  for (const line of lines) {
    if (line.names.some((one) => one.toLowerCase() === wanted)) families.add(line.family);
  }
  return families;
}

/** One spelling per address, so '::1' and '0:0:0:0:0:0:0:1' compare equal. */
function addressKey(address: string): string | undefined {
  if (isIPv4(address)) return address;
  return ipv6Groups(address.toLowerCase())?.join(':');
}

function withoutComments(text: string): string {
  return text.replace(/#.*$/gm, '');
}

function fields(line: string): string[] {
  return line
    .trim()
    .split(/\s+/)
    .filter((field) => field !== '');
}
