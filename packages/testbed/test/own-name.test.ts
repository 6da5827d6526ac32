// The guard lets dns.lookup ask about this machine's own name only where /etc/hosts provably
// answers it: the rule as a pure function over the two files, then the installed guard on this
// machine, whichever way its files decide.
import dns from 'node:dns';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lookupFamily, ownNameAnswer, readOwnNameAnswer } from '../src/loopback-guard/index.ts';

const HOSTS = '127.0.0.1 localhost\n127.0.1.1 vm.lab.test VM  # this machine\n::1 localhost\n';
const FILES_FIRST =
  '# hosts via files\nhosts:          files mdns4_minimal [NOTFOUND=return] dns\n';

describe('ownNameAnswer', () => {
  it('is local when nsswitch.conf asks files first and /etc/hosts lists the name', () => {
    expect(ownNameAnswer('vm', HOSTS, FILES_FIRST)).toEqual({
      local: true,
      name: 'vm',
      families: new Set([4]),
      addresses: new Set(['127.0.1.1']),
    });
  });

  it('knows both families when /etc/hosts lists the name for both', () => {
    const answer = ownNameAnswer('vm', `${HOSTS}::1 vm\n`, FILES_FIRST);
    expect(answer.local && [...answer.families]).toEqual([4, 6]);
  });

  it('is not local when another source comes before files', () => {
    expect(ownNameAnswer('vm', HOSTS, 'hosts: resolve [!UNAVAIL=return] files dns\n')).toEqual({
      local: false,
      name: 'vm',
      reason: '/etc/nsswitch.conf asks resolve before /etc/hosts',
    });
  });

  it('is not local when /etc/hosts has no line for the name (a comment does not count)', () => {
    const answer = ownNameAnswer('vm', '127.0.0.1 localhost\n# 127.0.0.1 vm\n', FILES_FIRST);
    expect(answer).toMatchObject({ local: false, reason: '/etc/hosts has no line for vm' });
  });

  it('is not local without a hosts: line, or when files is told to go on after a success', () => {
    expect(ownNameAnswer('vm', HOSTS, 'passwd: files\n')).toMatchObject({
      local: false,
      reason: expect.stringContaining('no hosts: line'),
    });
    expect(ownNameAnswer('vm', HOSTS, 'hosts: files [SUCCESS=continue] dns\n')).toMatchObject({
      local: false,
      reason: expect.stringContaining('[SUCCESS=continue]'),
    });
  });

  it('is not local for an empty name', () => {
    expect(ownNameAnswer('', HOSTS, FILES_FIRST).local).toBe(false);
  });
});

describe('lookupFamily', () => {
  it("reads dns.lookup's second argument as Node does", () => {
    expect(lookupFamily(4)).toBe(4);
    expect(lookupFamily({ family: 'IPv6', all: true })).toBe(6);
    expect(lookupFamily({ all: true })).toBe(0);
    expect(lookupFamily(() => {})).toBe(0);
  });
});

describe("the installed guard and this machine's name", () => {
  const answer = readOwnNameAnswer();

  it.runIf(answer.local)(
    'looks it up where /etc/hosts answers it, for the families listed',
    async () => {
      if (!answer.local) return;
      for (const family of [4, 6] as const) {
        const lookup = dns.promises.lookup(hostname(), { family, all: true });
        if (answer.families.has(family)) {
          const addresses = (await lookup).map((entry) => entry.address);
          expect(addresses.every((address) => answer.addresses.has(address))).toBe(true);
        } else {
          await expect(lookup).rejects.toThrow(`has no IPv${family} line for it`);
        }
      }
    },
  );

  it.runIf(!answer.local)('refuses it, saying why', async () => {
    if (answer.local) return;
    await expect(dns.promises.lookup(hostname())).rejects.toThrow(answer.reason);
  });

  it('still refuses any other name', async () => {
    await expect(dns.promises.lookup(`not-${hostname()}`)).rejects.toThrow(
      /refused DNS lookup to not-.*this machine's name where \/etc\/hosts answers it/,
    );
  });
});
