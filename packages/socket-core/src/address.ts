// Checking and resolving [host, port] addresses before they reach Node, so that a wrong value
// fails at once with a message naming it, instead of deep inside net.connect().
import dns from 'node:dns';
import net from 'node:net';
import util from 'node:util';
import { fromNodeError, stateError } from './errors.ts';
import type { Family, SockAddr } from './types.ts';

/**
 * Checks that `value` is a `[host, port]` pair with a string host and an integer port in
 * 0..65535, and returns it. Throws a TypeError or RangeError that names the call and the value.
 *
 * @example
 * validateSockAddr(['127.0.0.1', 8080], 'connect'); // ['127.0.0.1', 8080]
 * validateSockAddr('127.0.0.1:8080', 'connect'); // throws: "connect(): address must be a [host, port] pair ..."
 */
export function validateSockAddr(value: unknown, caller: string): SockAddr {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new TypeError(
      `${caller}(): address must be a [host, port] pair such as ['127.0.0.1', 8080]; ` +
        `got ${show(value)}`,
    );
  }
  const [host, port] = value as unknown[];
  if (typeof host !== 'string') {
    throw new TypeError(
      `${caller}(): the host must be a string such as '127.0.0.1' or 'localhost'; got ${show(host)}`,
    );
  }
  const hostAndPort = /^([^:]+):(\d+)$/.exec(host);
  if (hostAndPort) {
    throw new TypeError(
      `${caller}(): the host ${show(host)} contains a port; give the port as the second element: ` +
        `['${hostAndPort[1]}', ${hostAndPort[2]}]`,
    );
  }
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(
      `${caller}(): the port must be an integer from 0 to 65535 (0 = let the kernel choose); ` +
        `got ${show(port)}`,
    );
  }
  return [host, port];
}

/**
 * The "any address" of a family, what Python's bind(('', port)) means: '0.0.0.0' or '::'.
 *
 * @example
 * anyAddress('AF_INET6'); // '::'
 */
export function anyAddress(family: Family): string {
  return family === 'AF_INET6' ? '::' : '0.0.0.0';
}

/**
 * The family of an IP literal, or null for a host name that still needs resolving.
 *
 * @example
 * literalFamily('::1'); // 'AF_INET6'
 * literalFamily('localhost'); // null
 */
export function literalFamily(host: string): Family | null {
  const version = net.isIP(host);
  if (version === 4) return 'AF_INET';
  if (version === 6) return 'AF_INET6';
  return null;
}

/**
 * Throws EAFNOSUPPORT when an IP literal belongs to the other family than the socket, e.g. '::1'
 * given to an AF_INET socket. (Python raises gaierror "Address family for hostname not
 * supported" here; EAFNOSUPPORT is the errno with the same meaning.) Names pass: they are
 * resolved within the socket's family later.
 *
 * @example
 * checkFamily('::1', 'AF_INET', 'connect'); // throws SocketError EAFNOSUPPORT
 */
export function checkFamily(host: string, family: Family, syscall: string, port = 0): void {
  const actual = literalFamily(host);
  if (actual === null || actual === family) return;
  const other = family === 'AF_INET' ? 'AF_INET6' : 'AF_INET';
  const example = family === 'AF_INET' ? "'127.0.0.1'" : "'::1'";
  throw stateError(
    'EAFNOSUPPORT',
    syscall,
    `${show(host)} is an ${actual === 'AF_INET6' ? 'IPv6' : 'IPv4'} address but this socket is ` +
      `${family}: create the socket with socket('${other}'), or use an address such as ${example}`,
    [host, port],
  );
}

/**
 * What bind() records: '' becomes the any-address, an IP literal is checked against the family,
 * and a name is resolved within the family (getaddrinfo, via dns.lookup), as Python's bind does.
 *
 * @example
 * await resolveBindAddress(['', 0], 'AF_INET'); // ['0.0.0.0', 0]
 * await resolveBindAddress(['localhost', 0], 'AF_INET'); // ['127.0.0.1', 0]
 */
export async function resolveBindAddress(address: SockAddr, family: Family): Promise<SockAddr> {
  const [host, port] = address;
  if (host === '') return [anyAddress(family), port];
  if (literalFamily(host) !== null) {
    checkFamily(host, family, 'bind', port);
    return [host, port];
  }
  try {
    const found = await dns.promises.lookup(host, { family: family === 'AF_INET6' ? 6 : 4 });
    return [found.address, port];
  } catch (error) {
    throw fromNodeError(error, { syscall: 'getaddrinfo', address: [host, port] });
  }
}

function show(value: unknown): string {
  return util.inspect(value, { breakLength: Number.POSITIVE_INFINITY, depth: 1 });
}
