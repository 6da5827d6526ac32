// Printing resolution results the way Python prints them, so the outputs can be read side by
// side with the notes' socket_methods.py. Pure functions.
import type { AddrInfo, HostEntry } from '@netprog/socket-core';

/**
 * The numbers behind the family names, as Python shows them in `<AddressFamily.AF_INET6: 10>`.
 * AF_INET is 2 everywhere; AF_INET6 is 10 on Linux, 30 on macOS and 23 on Windows.
 */
export function familyNumber(
  family: AddrInfo[0],
  platform: NodeJS.Platform = process.platform,
): number {
  if (family === 'AF_INET') return 2;
  return platform === 'darwin' ? 30 : platform === 'win32' ? 23 : 10;
}

/** SOCK_STREAM is 1 and SOCK_DGRAM 2 on Linux, macOS and Windows alike. */
export function sockTypeNumber(type: AddrInfo[1]): number {
  return type === 'SOCK_STREAM' ? 1 : 2;
}

/**
 * A string as Python's repr() writes it: single quotes, unless the text has a single quote and
 * no double quote.
 *
 * @example
 * pyStr('localhost') // "'localhost'"
 * pyStr("it's")      // '"it\'s"'
 */
export function pyStr(text: string): string {
  if (text.includes("'") && !text.includes('"')) return `"${text}"`;
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/**
 * A list of strings as Python prints it.
 *
 * @example
 * pyList(['127.0.0.1']) // "['127.0.0.1']"
 */
export function pyList(items: readonly string[]): string {
  return `[${items.map(pyStr).join(', ')}]`;
}

/**
 * One getaddrinfo result as Python prints it. The sockaddr stays a pair: Python's IPv6 sockaddr
 * is a 4-tuple `(host, port, flowinfo, scope_id)`, but socket-core's is `[host, port]`, and we
 * print what we have rather than invent the other two.
 *
 * @example
 * formatAddrinfo(['AF_INET', 'SOCK_STREAM', 6, '', ['127.0.0.1', 80]])
 * // "(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 80))"
 */
export function formatAddrinfo(
  info: AddrInfo,
  platform: NodeJS.Platform = process.platform,
): string {
  const [family, type, proto, canonname, [host, port]] = info;
  return (
    `(<AddressFamily.${family}: ${familyNumber(family, platform)}>, ` +
    `<SocketKind.${type}: ${sockTypeNumber(type)}>, ${proto}, ${pyStr(canonname)}, (${pyStr(host)}, ${port}))`
  );
}

/**
 * A `(hostname, aliaslist, ipaddrlist)` triple as Python prints it.
 *
 * @example
 * formatHostEntry(['localhost', [], ['127.0.0.1']]) // "('localhost', [], ['127.0.0.1'])"
 */
export function formatHostEntry([hostname, aliases, addresses]: HostEntry): string {
  return `(${pyStr(hostname)}, ${pyList(aliases)}, ${pyList(addresses)})`;
}

/**
 * A failed call, in one line: the error's class and code, and what Python would have raised.
 *
 * @example
 * formatFailure(gaiError) // "GaiError ENOTFOUND; Python: socket.gaierror [Errno -2] Name or service not known"
 */
export function formatFailure(error: unknown): string {
  if (!(error instanceof Error)) return `threw ${String(error)}`;
  const code = (error as NodeJS.ErrnoException).code;
  const python = /\(Python: (.*)\)$/.exec(error.message)?.[1];
  return `${error.name}${code === undefined ? '' : ` ${code}`}${python === undefined ? `: ${error.message}` : `; Python: ${python}`}`;
}
