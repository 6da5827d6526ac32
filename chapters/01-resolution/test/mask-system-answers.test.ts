import { describe, expect, it } from 'vitest';
import { MASK, maskLookupLines, maskSystemAnswers } from './mask-system-answers.ts';

describe('maskSystemAnswers (the recorded-output comparison helper)', () => {
  it('masks answers in operating-system sections only', () => {
    const text = [
      '== Through the operating system ==',
      'getaddrinfo(1)',
      "  -> ('a')",
      "     ('b')",
      '  Node: dns.lookup',
      '== Through DNS (a fake server) ==',
      'getaddrinfo(2)',
      "  -> ('c')",
      "     ('d')",
    ].join('\n');
    expect(maskSystemAnswers(text).split('\n')).toEqual([
      '== Through the operating system ==',
      'getaddrinfo(1)',
      `  -> ${MASK}`,
      '  Node: dns.lookup',
      '== Through DNS (a fake server) ==',
      'getaddrinfo(2)',
      "  -> ('c')",
      "     ('d')",
    ]);
  });

  it("masks the resolver's failures, and the line that says a question was not asked", () => {
    const text = [
      '== localhost ==',
      "getaddrinfo('localhost', 80)",
      '  -> fails: GaiError ENOTFOUND; Python: socket.gaierror [Errno -2] Name or service not known',
      "getaddrinfo('localhost', 80, family=AF_INET6)",
      '  -> not asked: /etc/hosts lists localhost for IPv4 only, so an IPv6 lookup of it asks DNS',
    ].join('\n');
    expect(maskSystemAnswers(text).split('\n')).toEqual([
      '== localhost ==',
      "getaddrinfo('localhost', 80)",
      `  -> ${MASK}`,
      "getaddrinfo('localhost', 80, family=AF_INET6)",
      `  -> ${MASK}`,
    ]);
  });

  it('never masks any other failure: a bug must show up as a difference', () => {
    const text = [
      "== this machine's name ==",
      'gethostname()',
      "  -> fails: TypeError: Cannot read properties of undefined (reading 'x')",
      // The examples never ask what would leave the machine, so a guard refusal is a bug too.
      "gethostbyname('<hostname>')",
      '  -> fails: LoopbackGuardError ENETUNREACH_GUARD: loopback guard: refused DNS lookup of <hostname>: ...',
    ].join('\n');
    expect(maskSystemAnswers(text)).toBe(text);
  });

  it('masks what dns.lookup said (or why it was not run) in two-paths output, not failures', () => {
    const text =
      '  dns.lookup           127.0.0.1\n  resolve4             192.0.2.7\n  dns.lookup           fails: EINVAL\n  DIFFERENT answers\n  dns.lookup           (not run: x)';
    expect(maskLookupLines(text)).toBe(
      `  dns.lookup           ${MASK}\n  resolve4             192.0.2.7\n  dns.lookup           fails: EINVAL\n  DIFFERENT answers\n  dns.lookup           ${MASK}`,
    );
  });
});
