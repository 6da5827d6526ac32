// Mutant: lists every address for SOCK_STREAM first, then every address for SOCK_DGRAM
// Why students write it: nests the two loops the other way round
// Exercise 3: getaddrinfo's 5-tuples, from what dns.lookup returns.
//
// Python's socket.getaddrinfo(host, port) returns tuples (family, type, proto, canonname,
// sockaddr): everything needed to create a socket and connect it. Node's dns.lookup(host,
// { all: true }) returns only [{ address, family: 4 | 6 }]. Turn the one into the other:
//
// toAddrinfo(answers, port, type?):
//   - one tuple per address AND per socket type, address by address, in the order given:
//     for each address, first SOCK_STREAM (proto 6, TCP), then SOCK_DGRAM (proto 17, UDP);
//     when `type` is given, only that type. (Python also lists SOCK_RAW; Node has no raw sockets.)
//   - family 'AF_INET' for family 4, 'AF_INET6' for 6; canonname ''; sockaddr [address, port].
//
// formatAddrinfo(info): the tuple as Python prints it on Linux, e.g.
//   (<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 80))
//   AF_INET is 2 and AF_INET6 is 10 (Linux numbers); SOCK_STREAM is 1, SOCK_DGRAM 2. Strings are
//   in single quotes. The sockaddr is printed as the pair it is: for IPv6, Python prints a 4-tuple
//   ('::1', 53, 0, 0) with flowinfo and scope_id, which dns.lookup does not give us, so here, as
//   in chapter 1, the IPv6 sockaddr stays a pair rather than invent the other two numbers.

import type { LookupAddress } from 'node:dns';

export type Family = 'AF_INET' | 'AF_INET6';
export type SockType = 'SOCK_STREAM' | 'SOCK_DGRAM';
export type AddrInfo = [
  family: Family,
  type: SockType,
  proto: number,
  canonname: string,
  sockaddr: readonly [host: string, port: number],
];

/**
 * The getaddrinfo tuples for dns.lookup's answers.
 *
 * @example
 * toAddrinfo([{ address: '127.0.0.1', family: 4 }], 80)
 * // [['AF_INET', 'SOCK_STREAM', 6, '', ['127.0.0.1', 80]], ['AF_INET', 'SOCK_DGRAM', 17, '', ['127.0.0.1', 80]]]
 */
export function toAddrinfo(
  answers: readonly LookupAddress[],
  port: number,
  type?: SockType,
): AddrInfo[] {
  const kinds: Array<[SockType, number]> = [
    ['SOCK_STREAM', 6],
    ['SOCK_DGRAM', 17],
  ];
  return kinds
    .filter(([kind]) => type === undefined || kind === type)
    .flatMap(([kind, proto]) =>
      answers.map(
        ({ address, family }): AddrInfo => [
          family === 6 ? 'AF_INET6' : 'AF_INET',
          kind,
          proto,
          '',
          [address, port],
        ],
      ),
    );
}

/**
 * One tuple as Python prints it (Linux numbers).
 *
 * @example
 * formatAddrinfo(['AF_INET6', 'SOCK_DGRAM', 17, '', ['::1', 53]])
 * // "(<AddressFamily.AF_INET6: 10>, <SocketKind.SOCK_DGRAM: 2>, 17, '', ('::1', 53))"
 */
export function formatAddrinfo(info: AddrInfo): string {
  const [family, type, proto, canonname, [host, port]] = info;
  const familyNumber = family === 'AF_INET' ? 2 : 10;
  const typeNumber = type === 'SOCK_STREAM' ? 1 : 2;
  return (
    `(<AddressFamily.${family}: ${familyNumber}>, <SocketKind.${type}: ${typeNumber}>, ` +
    `${proto}, '${canonname}', ('${host}', ${port}))`
  );
}
