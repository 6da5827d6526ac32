// The guard's rule (hosts-answer.ts) says which getaddrinfo/getnameinfo questions /etc/hosts
// answers alone. Here glibc itself is asked the same questions on this machine, by Python, under
// strace with every connect made to fail before it happens (nothing can leave the machine, even
// where glibc tries): a question "goes on to DNS" exactly when glibc tried to connect to port 53.
import { hostname } from 'node:os';
import { describe, expect } from 'vitest';
import { linuxOnly } from '../src/linux-only/tests.ts';
import {
  type ForwardQuestion,
  forwardLookupRefusal,
  readResolverFiles,
  reverseLookupRefusal,
} from '../src/loopback-guard/index.ts';
import { parseTrace, straceUnavailable, traceCommand } from '../src/strace/index.ts';
import { pythonUnavailable, skipWhenMissing } from '../src/tools/index.ts';

const forward: ForwardQuestion[] = [
  { name: 'localhost', family: 0 },
  { name: 'localhost', family: 4 },
  { name: 'localhost', family: 6 },
  { name: 'localhost', family: 6, v4mapped: true },
  { name: 'localhost', family: 0, addrconfig: true },
  { name: 'LOCALHOST', family: 4 },
  { name: 'localhost.', family: 4 },
  { name: hostname(), family: 0 },
  { name: hostname(), family: 6 },
  { name: 'no-such-name.invalid', family: 0 },
];
const reverse = ['127.0.0.1', '::1', '127.0.0.2', '::ffff:127.0.0.1'];

/** Python asks each question, then touches a marker path so the trace shows where it ended. */
function script(): string {
  const family = { 0: 'AF_UNSPEC', 4: 'AF_INET', 6: 'AF_INET6' } as const;
  const lines = [
    'import os, socket',
    'def mark(i): os.access("/netprog-question-%d" % i, os.F_OK)',
  ];
  forward.forEach((q, i) => {
    const flags = [
      q.v4mapped ? 'socket.AI_V4MAPPED' : '',
      q.addrconfig ? 'socket.AI_ADDRCONFIG' : '',
    ]
      .filter(Boolean)
      .join('|');
    lines.push(
      'try:',
      `    socket.getaddrinfo(${JSON.stringify(q.name)}, None, socket.${family[q.family]}, socket.SOCK_STREAM, 0, ${flags || '0'})`,
      'except OSError: pass',
      `mark(${i})`,
    );
  });
  reverse.forEach((address, i) => {
    lines.push(
      'try:',
      `    socket.getnameinfo((${JSON.stringify(address)}, 0), socket.NI_NAMEREQD)`,
      'except OSError: pass',
      `mark(${forward.length + i})`,
    );
  });
  return lines.join('\n');
}

// glibc's resolver and strace: Linux's. Missing python3 or strace on Linux is another skip (below).
const linux = linuxOnly("glibc's resolver is asked under strace");

describe("the guard's rule agrees with glibc on this machine", () => {
  linux.it(
    'a question goes on to DNS exactly when the rule says so',
    {
      timeout: 60_000,
    },
    async (context) => {
      if (skipWhenMissing(context, (await straceUnavailable()) ?? (await pythonUnavailable())))
        return;
      const { trace, stderr, code } = await traceCommand('python3', ['-c', script()], {
        failConnects: true,
        alsoTrace: ['access'],
      });
      expect(code, stderr).toBe(0);
      // The trace up to marker i is question i's (and the ones before it, already accounted for).
      const parts = trace.split(/^.*access\("\/netprog-question-\d+".*$/m);
      const askedDns = (i: number) => parseTrace(parts[i] ?? '').some((one) => one.port === 53);
      const files = readResolverFiles();
      const glibc = [
        ...forward.map((q, i) => [`${q.name} ${JSON.stringify(q)}`, askedDns(i)] as const),
        ...reverse.map((a, i) => [`reverse ${a}`, askedDns(forward.length + i)] as const),
      ];
      const rule = [
        ...forward.map(
          (q) =>
            [
              `${q.name} ${JSON.stringify(q)}`,
              forwardLookupRefusal(q, files) !== undefined,
            ] as const,
        ),
        ...reverse.map(
          (a) => [`reverse ${a}`, reverseLookupRefusal(a, files) !== undefined] as const,
        ),
      ];
      expect(parts).toHaveLength(forward.length + reverse.length + 1);
      expect(rule).toEqual(glibc);
      // The trace really shows DNS where a name cannot be answered locally.
      expect(askedDns(forward.findIndex((q) => q.name === 'no-such-name.invalid'))).toBe(true);
    },
  );
});
