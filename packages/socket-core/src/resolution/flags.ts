// getaddrinfo's AI_* flags, with the values glibc (Linux) uses, and what each means here.

/** Return wildcard addresses ('0.0.0.0', '::') for a null host: addresses to bind() a server to. */
export const AI_PASSIVE = 0x1;
/** Fill in the canonical name of the host in the first result (the end of its CNAME chain). */
export const AI_CANONNAME = 0x2;
/** The host must be an IP literal: never ask any resolver. */
export const AI_NUMERICHOST = 0x4;
/** With family AF_INET6: if the host has no IPv6 address, return its IPv4 ones as ::ffff:a.b.c.d. */
export const AI_V4MAPPED = 0x8;
/** With AI_V4MAPPED: return IPv6 AND mapped IPv4 addresses. */
export const AI_ALL = 0x10;
/** Only return IPv4/IPv6 addresses if this machine has a (non-loopback) address of that family. */
export const AI_ADDRCONFIG = 0x20;
/** The port must be a number: never look up a service name. */
export const AI_NUMERICSERV = 0x400;

/** Every flag `getaddrinfo` understands; any other bit is EAI_BADFLAGS, as in C. */
export const KNOWN_FLAGS =
  AI_PASSIVE |
  AI_CANONNAME |
  AI_NUMERICHOST |
  AI_V4MAPPED |
  AI_ALL |
  AI_ADDRCONFIG |
  AI_NUMERICSERV;

/**
 * The flags that are hints for the operating system's getaddrinfo(3): Node passes them through
 * `dns.lookup({ hints })`, so they only work on the system path (see `ResolutionOptions.resolver`).
 */
export const SYSTEM_ONLY_FLAGS = AI_V4MAPPED | AI_ALL | AI_ADDRCONFIG;

/**
 * The names of the flags set in `flags`, for error messages and printing.
 *
 * @example
 * flagNames(AI_PASSIVE | AI_NUMERICSERV) // ['AI_PASSIVE', 'AI_NUMERICSERV']
 */
export function flagNames(flags: number): string[] {
  const names: Array<[string, number]> = [
    ['AI_PASSIVE', AI_PASSIVE],
    ['AI_CANONNAME', AI_CANONNAME],
    ['AI_NUMERICHOST', AI_NUMERICHOST],
    ['AI_V4MAPPED', AI_V4MAPPED],
    ['AI_ALL', AI_ALL],
    ['AI_ADDRCONFIG', AI_ADDRCONFIG],
    ['AI_NUMERICSERV', AI_NUMERICSERV],
  ];
  return names.filter(([, bit]) => (flags & bit) !== 0).map(([name]) => name);
}
