// What the Python ↔ TypeScript page says Python does, checked against python3 on this machine.
// Each claim is a sentence that must stand on the page as written, and a Python script whose
// answer must bear it out: edit the sentence, and this test makes you check it again. (The page
// once said getfqdn falls back "to the plain host name, which is what Python does"; here Python's
// getfqdn() is 'localhost' while gethostname() is the machine's name.) Only questions /etc/hosts
// answers are asked, so nothing leaves the machine; the chapters' tests check the rest.
import { readFile } from 'node:fs/promises';
import { listenBlackhole } from '@netprog/testbed';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { systemLookupRefusal } from '@netprog/testbed/loopback-guard';
import { pythonUnavailable, runPython, skipWhenMissing } from '@netprog/testbed/tools';
import { expect, it } from 'vitest';

const PAGE = new URL('../python-to-typescript.md', import.meta.url);

const CLAIMS: Array<{ says: string; python: string[]; expected: string }> = [
  {
    says: 'else the host name `gethostbyaddr` returned**',
    python: [
      'name = socket.gethostname()',
      'host, aliases, _ = socket.gethostbyaddr(name)',
      "dotted = [n for n in [host] + aliases if '.' in n]",
      'print(socket.getfqdn() == (dotted[0] if dotted else host))',
    ],
    expected: 'True',
  },
  {
    says: "`socket.SOMAXCONN` is the C header's constant (4096 with glibc on Linux, 128 on macOS), not the kernel's setting",
    // The page once gave only macOS's 128. This test runs on Linux (glibc), so: 4096.
    python: ['print(socket.SOMAXCONN)'],
    expected: '4096',
  },
  {
    says: "raises `TimeoutError('timed out')`, whose `errno` is `None`",
    // A port whose SYNs are dropped (testbed's blackhole, on loopback): the socket's own timeout.
    python: [
      's = socket.socket(); s.settimeout(0.2)',
      'try: s.connect(("127.0.0.1", PORT))',
      'except OSError as e: print(repr(e), e.errno)',
    ],
    expected: "TimeoutError('timed out') None",
  },
  {
    says: 'A failed lookup is `socket.gaierror` in Python (errno −2 "Name or service not known" on Linux',
    // AI_NUMERICHOST makes a name fail without any lookup: the same EAI_NONAME, asked of nobody.
    python: [
      'try: socket.getaddrinfo("no-such-name", None, flags=socket.AI_NUMERICHOST)',
      'except socket.gaierror as e: print(e.errno, e.strerror)',
    ],
    expected: '-2 Name or service not known',
  },
];

// The page states Linux's numbers (the course is tested on Linux), so the check runs there.
const linux = linuxOnly(
  "the page states glibc's numbers (SOMAXCONN, EAI_NONAME) and Linux's blackhole",
);
linux.describe("the Python page's claims about Python", () => {
  it('stand on the page and are what python3 does here', { timeout: 60_000 }, async (context) => {
    if (skipWhenMissing(context, await pythonUnavailable())) return;
    // getfqdn() looks this machine's name up: only where /etc/hosts answers it.
    const refusal = systemLookupRefusal(
      (await runPython('import socket; print(socket.gethostname())')).trim(),
    );
    if (refusal !== undefined) return context.skip(refusal);
    const page = (await readFile(PAGE, 'utf8')).replace(/\s+/g, ' ');
    await using hole = await listenBlackhole();
    for (const { says, python, expected } of CLAIMS) {
      expect(page, 'the claim is on the page').toContain(says);
      const script = ['import socket', ...python].join('\n').replace('PORT', String(hole.port));
      const printed = await runPython(script);
      expect(printed.trim(), says).toBe(expected);
    }
  });
});
