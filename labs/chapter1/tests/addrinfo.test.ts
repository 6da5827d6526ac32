import { promises as dnsPromises } from 'node:dns';
import { getaddrinfo } from '@netprog/socket-core';
import { describe, expect, it } from 'vitest';
import { type AddrInfo, formatAddrinfo, toAddrinfo } from '../exercises/addrinfo.ts';

describe('toAddrinfo', () => {
  it('gives a SOCK_STREAM/6 and a SOCK_DGRAM/17 tuple per address, in order', () => {
    expect(toAddrinfo([{ address: '127.0.0.1', family: 4 }], 80)).toEqual([
      ['AF_INET', 'SOCK_STREAM', 6, '', ['127.0.0.1', 80]],
      ['AF_INET', 'SOCK_DGRAM', 17, '', ['127.0.0.1', 80]],
    ]);
  });

  it('keeps the address order and maps family 6 to AF_INET6', () => {
    const answers = [
      { address: '2001:db8::7', family: 6 },
      { address: '192.0.2.7', family: 4 },
    ];
    expect(
      toAddrinfo(answers, 443).map(([family, type, , , [host]]) => `${family} ${type} ${host}`),
    ).toEqual([
      'AF_INET6 SOCK_STREAM 2001:db8::7',
      'AF_INET6 SOCK_DGRAM 2001:db8::7',
      'AF_INET SOCK_STREAM 192.0.2.7',
      'AF_INET SOCK_DGRAM 192.0.2.7',
    ]);
  });

  it('keeps only the asked type, and gives nothing for no answers', () => {
    expect(toAddrinfo([{ address: '::1', family: 6 }], 53, 'SOCK_DGRAM')).toEqual([
      ['AF_INET6', 'SOCK_DGRAM', 17, '', ['::1', 53]],
    ]);
    expect(toAddrinfo([], 80)).toEqual([]);
  });

  it("matches socket-core's getaddrinfo for localhost, from the operating system's own answer", async () => {
    const answers = await dnsPromises.lookup('localhost', { all: true, order: 'verbatim' });
    expect(toAddrinfo(answers, 8080)).toEqual(await getaddrinfo('localhost', 8080));
  });
});

describe('formatAddrinfo', () => {
  it('prints an IPv4 TCP tuple as Python does on Linux', () => {
    const info: AddrInfo = ['AF_INET', 'SOCK_STREAM', 6, '', ['127.0.0.1', 80]];
    expect(formatAddrinfo(info)).toBe(
      "(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 80))",
    );
  });

  it('prints an IPv6 UDP tuple with a canonical name', () => {
    const info: AddrInfo = ['AF_INET6', 'SOCK_DGRAM', 17, 'web.test', ['2001:db8::7', 53]];
    expect(formatAddrinfo(info)).toBe(
      "(<AddressFamily.AF_INET6: 10>, <SocketKind.SOCK_DGRAM: 2>, 17, 'web.test', ('2001:db8::7', 53))",
    );
  });
});
