// The two convenience functions of Python's socket module: create_connection (socket + connect,
// trying every address a name resolves to) and create_server (socket + options + bind + listen).
import dns from 'node:dns';
import util from 'node:util';
import { literalFamily, validateSockAddr } from './address.ts';
import { fromNodeError } from './errors.ts';
import { Socket } from './socket.ts';
import { getdefaulttimeout, validateTimeout } from './timeouts.ts';
import type { Family, SockAddr } from './types.ts';

/** Options of createServer, named after Python's create_server keyword arguments. */
export interface CreateServerOptions {
  /** 'AF_INET' (default) or 'AF_INET6'. */
  family?: Family;
  /** The listen() backlog; default 128, as Python's listen(). */
  backlog?: number;
  /** Set SO_REUSEPORT (several listeners share the port). Needs Node >= 22.12 on Linux/FreeBSD. */
  reusePort?: boolean;
  /** AF_INET6 only: accept IPv4 peers too (they appear as '::ffff:127.0.0.1'). */
  dualstackIpv6?: boolean;
}

/**
 * Connects to `address` and resolves to the connected Socket (Python's
 * `socket.create_connection`). A host name is resolved (dns.lookup, i.e. getaddrinfo) and each
 * address is tried in turn, each with the full timeout; if all fail, the last error is thrown,
 * as Python does by default. (Node's own net.connect races IPv6 and IPv4 instead, "happy
 * eyeballs"; this function keeps Python's one-after-another order.)
 *
 * `timeout` in milliseconds also stays set on the returned socket: leave it out to use
 * getdefaulttimeout(), pass null to block. `sourceAddress` is bound before connecting.
 * Use it with `await using` so the socket closes itself.
 *
 * @example
 * await using conn = await createConnection(['127.0.0.1', 8080], 2_000);
 * await conn.sendAll('ping\n');
 * console.log((await conn.recv(1024)).toString());
 */
export async function createConnection(
  address: SockAddr,
  timeout?: number | null,
  sourceAddress?: SockAddr,
): Promise<Socket> {
  const [host, port] = validateSockAddr(address, 'createConnection');
  const limit =
    timeout === undefined ? getdefaulttimeout() : validateTimeout(timeout, 'createConnection');
  if (sourceAddress !== undefined) validateSockAddr(sourceAddress, 'createConnection');
  const candidates = await resolveCandidates(host, port);
  let lastError: unknown;
  for (const candidate of candidates) {
    const socket = new Socket(candidate.family);
    try {
      socket.settimeout(limit);
      if (sourceAddress !== undefined) await socket.bind(sourceAddress);
      await socket.connect([candidate.address, port]);
      return socket;
    } catch (error) {
      lastError = error;
      await socket.close();
    }
  }
  throw lastError;
}

/**
 * Creates a listening TCP socket bound to `address` (Python's `socket.create_server`):
 * socket(), the options, bind(), listen(). Node always sets SO_REUSEADDR on listening sockets,
 * which is also what Python's create_server sets on Unix. An AF_INET6 server accepts IPv6 only,
 * unless `dualstackIpv6` is set, as in Python. `reusePort` throws UnsupportedError where Node
 * cannot do it (Node < 22.12, or not Linux/FreeBSD/Solaris/AIX). Use it with `await using`.
 *
 * @example
 * await using server = await createServer(['127.0.0.1', 0]);
 * console.log(String(server)); // <socket fd=21 family=AF_INET type=SOCK_STREAM laddr=('127.0.0.1', 43121)>
 * const [conn, peer] = await server.accept();
 */
export async function createServer(
  address: SockAddr,
  options: CreateServerOptions = {},
): Promise<Socket> {
  validateSockAddr(address, 'createServer');
  const { family = 'AF_INET', backlog, reusePort = false, dualstackIpv6 = false } = options;
  if (dualstackIpv6 && family !== 'AF_INET6') {
    throw new TypeError(
      "createServer(): dualstackIpv6 needs family: 'AF_INET6' (an IPv6 socket that also accepts IPv4)",
    );
  }
  const server = new Socket(family);
  try {
    if (reusePort) server.setsockopt('SO_REUSEPORT', true);
    if (family === 'AF_INET6') server.setsockopt('IPV6_V6ONLY', !dualstackIpv6);
    await server.bind(address);
    await server.listen(backlog);
    return server;
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** The addresses to try for a host: an IP literal as is, a name as getaddrinfo orders them. */
async function resolveCandidates(
  host: string,
  port: number,
): Promise<Array<{ address: string; family: Family }>> {
  const family = literalFamily(host);
  if (family !== null) return [{ address: host, family }];
  let found: dns.LookupAddress[];
  try {
    found = await dns.promises.lookup(host, { all: true });
  } catch (error) {
    throw fromNodeError(error, { syscall: 'getaddrinfo', address: [host, port] });
  }
  if (found.length === 0) {
    throw new RangeError(
      `createConnection(): ${util.inspect(host)} resolved to no address; give a host name or an IP address`,
    );
  }
  return found.map((entry) => ({
    address: entry.address,
    family: entry.family === 6 ? 'AF_INET6' : 'AF_INET',
  }));
}
