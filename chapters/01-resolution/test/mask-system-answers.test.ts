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

  it('masks what dns.lookup said in two-paths output, but not the resolver lines', () => {
    const text =
      '  dns.lookup           127.0.0.1\n  resolve4             192.0.2.7\n  same answer\n  dns.lookup           (not run: x)';
    expect(maskLookupLines(text)).toBe(
      `  dns.lookup           ${MASK}\n  resolve4             192.0.2.7\n  ${MASK}\n  dns.lookup           (not run: x)`,
    );
  });
});
