// The rule behind the guard's dns.lookup and dns.lookupService checks: which questions the
// system resolver answers from /etc/hosts alone. As pure functions over example files here;
// resolver-agrees.test.ts checks the rule against glibc itself on this machine.
import { describe, expect, it } from 'vitest';
import {
  effectiveFamily,
  filesFirstRefusal,
  forwardLookupRefusal,
  parseHostsFile,
  type ResolverFiles,
  reverseLookupRefusal,
} from '../src/loopback-guard/index.ts';

/** This course's recording machine: no ::1 line. */
const VM_HOSTS = '127.0.0.1 localhost\n127.0.0.1 runsc\n127.0.0.1 vm\n';
const FILES_FIRST =
  '# hosts via files\nhosts:          files mdns4_minimal [NOTFOUND=return] dns\n';

const vm: ResolverFiles = {
  hosts: VM_HOSTS,
  nsswitch: FILES_FIRST,
  platform: 'linux',
  configured: new Set([4, 6]),
};

describe('parseHostsFile', () => {
  it('reads address, canonical name and aliases, and skips comments and malformed lines', () => {
    const text =
      '# comment\n127.0.1.1\tvm.lab.test  vm # here\nnot-an-address x\n::1 localhost\n10.0.0.1\n';
    expect(parseHostsFile(text)).toEqual([
      { address: '127.0.1.1', family: 4, names: ['vm.lab.test', 'vm'] },
      { address: '::1', family: 6, names: ['localhost'] },
    ]);
  });
});

describe('filesFirstRefusal', () => {
  it('accepts files first, with or without an action that does not touch SUCCESS', () => {
    expect(filesFirstRefusal(FILES_FIRST, 'linux')).toBeUndefined();
    expect(filesFirstRefusal('hosts: files [NOTFOUND=return] dns\n', 'linux')).toBeUndefined();
  });

  it('refuses another source first, no hosts: line, [SUCCESS=continue], or not Linux', () => {
    expect(filesFirstRefusal('hosts: resolve [!UNAVAIL=return] files dns\n', 'linux')).toBe(
      '/etc/nsswitch.conf asks resolve before /etc/hosts',
    );
    expect(filesFirstRefusal('passwd: files\n# hosts: files\n', 'linux')).toMatch(/no hosts: line/);
    expect(filesFirstRefusal('hosts: files [SUCCESS=continue] dns\n', 'linux')).toMatch(
      /\[SUCCESS=continue\] after files/,
    );
    expect(filesFirstRefusal(FILES_FIRST, 'darwin')).toMatch(/on darwin the system resolver/);
  });
});

describe('forwardLookupRefusal (getaddrinfo)', () => {
  it('lets a name /etc/hosts lists through for its family, and for either family', () => {
    expect(forwardLookupRefusal({ name: 'localhost', family: 4 }, vm)).toBeUndefined();
    expect(forwardLookupRefusal({ name: 'localhost', family: 0 }, vm)).toBeUndefined();
    expect(forwardLookupRefusal({ name: 'vm', family: 0 }, vm)).toBeUndefined();
  });

  it('refuses localhost for IPv6 when /etc/hosts has no ::1 line: localhost is not special', () => {
    expect(forwardLookupRefusal({ name: 'localhost', family: 6 }, vm)).toBe(
      '/etc/hosts lists localhost for IPv4 only, so an IPv6 lookup of it asks DNS',
    );
    const withV6 = { ...vm, hosts: `${VM_HOSTS}::1 localhost ip6-localhost\n` };
    expect(forwardLookupRefusal({ name: 'localhost', family: 6 }, withV6)).toBeUndefined();
    expect(forwardLookupRefusal({ name: 'ip6-localhost', family: 4 }, withV6)).toMatch(
      /lists ip6-localhost for IPv6 only, so an IPv4 lookup of it asks DNS/,
    );
  });

  it('lets IPv6 with AI_V4MAPPED through on an IPv4 line (glibc falls back to it in files)', () => {
    expect(
      forwardLookupRefusal({ name: 'localhost', family: 6, v4mapped: true }, vm),
    ).toBeUndefined();
  });

  it('compares names without regard to case, but keeps a trailing dot', () => {
    expect(forwardLookupRefusal({ name: 'LocalHost', family: 4 }, vm)).toBeUndefined();
    expect(forwardLookupRefusal({ name: 'localhost.', family: 4 }, vm)).toBe(
      '/etc/hosts lists localhost, but glibc keeps the trailing dot of localhost., so an IPv4 lookup of it asks DNS',
    );
  });

  it('refuses a name with no line, naming the name and the family', () => {
    expect(forwardLookupRefusal({ name: 'example.com', family: 0 }, vm)).toBe(
      '/etc/hosts has no line for example.com, so an IPv4/IPv6 lookup of it asks DNS',
    );
    // A commented-out line does not count.
    const commented = { ...vm, hosts: '127.0.0.1 localhost\n# 127.0.0.1 vm\n' };
    expect(forwardLookupRefusal({ name: 'vm', family: 4 }, commented)).toMatch(/no line for vm/);
  });

  it('answers IP literals and the empty name without asking anyone', () => {
    const nowhere = { ...vm, hosts: '', nsswitch: 'hosts: dns\n' };
    for (const name of ['', '192.0.2.1', '::1', '2001:db8::1']) {
      expect(forwardLookupRefusal({ name, family: 0 }, nowhere)).toBeUndefined();
    }
  });

  it('refuses everything when /etc/hosts is not certain to answer first', () => {
    const resolveFirst = { ...vm, nsswitch: 'hosts: resolve files\n' };
    expect(forwardLookupRefusal({ name: 'localhost', family: 4 }, resolveFirst)).toBe(
      '/etc/nsswitch.conf asks resolve before /etc/hosts, so an IPv4 lookup of localhost may ask DNS',
    );
  });

  it('follows AI_ADDRCONFIG where the machine has addresses of one family only', () => {
    const v6only = { ...vm, configured: new Set<4 | 6>([6]) };
    expect(effectiveFamily({ name: 'x', family: 0, addrconfig: true }, v6only.configured)).toBe(6);
    expect(forwardLookupRefusal({ name: 'localhost', family: 0, addrconfig: true }, v6only)).toBe(
      '/etc/hosts lists localhost for IPv4 only, and with AI_ADDRCONFIG on a machine with no IPv4 address besides loopback, an IPv4/IPv6 lookup of it becomes an IPv6 one and asks DNS',
    );
    expect(forwardLookupRefusal({ name: 'localhost', family: 0 }, v6only)).toBeUndefined();
    expect(
      forwardLookupRefusal({ name: 'localhost', family: 0, addrconfig: true }, vm),
    ).toBeUndefined();
    const noneButLoopback = { ...vm, configured: new Set<4 | 6>() };
    expect(
      forwardLookupRefusal({ name: 'localhost', family: 0, addrconfig: true }, noneButLoopback),
    ).toBeUndefined();
  });
});

describe('reverseLookupRefusal (getnameinfo)', () => {
  it('lets an address through only when a line starts with it, in any IPv6 spelling', () => {
    expect(reverseLookupRefusal('127.0.0.1', vm)).toBeUndefined();
    const withV6 = { ...vm, hosts: `${VM_HOSTS}::1 localhost\n` };
    expect(reverseLookupRefusal('0:0:0:0:0:0:0:1', withV6)).toBeUndefined();
  });

  it('refuses loopback addresses /etc/hosts does not list: ::1, 127.0.0.2, ::ffff:127.0.0.1', () => {
    for (const address of ['::1', '127.0.0.2', '::ffff:127.0.0.1']) {
      expect(reverseLookupRefusal(address, vm)).toBe(
        `/etc/hosts has no line for ${address}, so a reverse lookup of it asks DNS (a PTR query)`,
      );
    }
  });
});
