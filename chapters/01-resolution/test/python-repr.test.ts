import type { AddrInfo } from '@netprog/socket-core';
import { GaiError } from '@netprog/socket-core';
import { describe, expect, it } from 'vitest';
import {
  familyNumber,
  formatAddrinfo,
  formatFailure,
  formatHostEntry,
  pyList,
  pyStr,
} from '../src/python-repr.ts';

describe("printing Python's way", () => {
  it('quotes strings as repr() does', () => {
    expect(pyStr('localhost')).toBe("'localhost'");
    expect(pyStr('')).toBe("''");
    expect(pyStr("it's")).toBe('"it\'s"');
    expect(pyStr('a\'b"c')).toBe("'a\\'b\"c'");
    expect(pyList([])).toBe('[]');
    expect(pyList(['127.0.0.1', '::1'])).toBe("['127.0.0.1', '::1']");
  });

  it('prints a getaddrinfo 5-tuple with enum names and the platform numbers', () => {
    const v4: AddrInfo = ['AF_INET', 'SOCK_STREAM', 6, '', ['127.0.0.1', 80]];
    expect(formatAddrinfo(v4, 'linux')).toBe(
      "(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 80))",
    );
    const v6: AddrInfo = ['AF_INET6', 'SOCK_DGRAM', 17, 'web.test', ['::1', 53]];
    expect(formatAddrinfo(v6, 'linux')).toBe(
      "(<AddressFamily.AF_INET6: 10>, <SocketKind.SOCK_DGRAM: 2>, 17, 'web.test', ('::1', 53))",
    );
    expect(familyNumber('AF_INET6', 'darwin')).toBe(30);
    expect(familyNumber('AF_INET6', 'win32')).toBe(23);
  });

  it('prints host entries as (hostname, aliaslist, ipaddrlist)', () => {
    expect(formatHostEntry(['web.test', ['www.web.test'], ['192.0.2.7', '192.0.2.8']])).toBe(
      "('web.test', ['www.web.test'], ['192.0.2.7', '192.0.2.8'])",
    );
  });

  it('prints a failure with its code and what Python would raise', () => {
    const error = new GaiError({
      code: 'ENOTFOUND',
      eai: 'EAI_NONAME',
      syscall: 'getaddrinfo',
      hostname: 'x',
      hint: 'no such name',
    });
    expect(formatFailure(error)).toMatch(
      /^GaiError ENOTFOUND; Python: socket\.gaierror \[Errno (-2|8)\] Name or service not known$/,
    );
    expect(
      formatFailure(Object.assign(new Error('queryA ENOTFOUND x'), { code: 'ENOTFOUND' })),
    ).toBe('Error ENOTFOUND: queryA ENOTFOUND x');
    expect(formatFailure('odd')).toBe('threw odd');
  });
});
