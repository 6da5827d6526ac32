// The notebook check: each example runs in a fresh process, exactly as a reader would run it, and
// its output must match the recording the chapter text shows (outputs/<example>.txt).
// `pnpm docs:record` re-records. Volatile parts (ports, fds, times, host name) are normalised by
// the testbed; the few that only this chapter prints are normalised below, each with its reason.

import { compareWithRecording, runExample } from '@netprog/testbed';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { describe, expect, it } from 'vitest';

/**
 * Process ids change on every run (netstat-scene prints them, as netstat -p does). The program
 * name is the kernel's name for the process's main thread (/proc/PID/comm), which Node 24 sets
 * to `MainThread` where Node 20 and 22 leave `node`: the recording (Node 20) says `node`.
 */
const processes = (text: string) =>
  text
    .replace(/\bMainThread(?=,pid=|$)/gm, 'node')
    .replace(/\bpid([ =])\d+/g, 'pid$1<pid>')
    .replace(/\b\d+\/(?:node|MainThread)\b/g, '<pid>/node');

/**
 * What plain Node and socket-core do with SO_REUSEPORT depends on the Node version (22.12+ sets
 * it, older Nodes ignore the option): the recording shows one Node's answer, and
 * test/kernel-claims.test.ts checks the running Node's answer, whichever version it is.
 */
const reusePortLines = (text: string) =>
  text.replace(
    /(--- SO_REUSEPORT: .*---\n)(?: {2}.*\n)+/,
    '$1  <what this Node does with reusePort: test/kernel-claims.test.ts checks it>\n',
  );

/**
 * This machine's network interfaces and whether this user may bind port 80 belong to the
 * machine, not to the code: the lines that print them are compared by shape only.
 */
const machine = (text: string) =>
  text
    .replace(
      /\(\(an interface address: .*\n(?: {2}.*\n)+/,
      '((an interface address: <machine-specific>\n',
    )
    .replace(/^this process: uid .*$/m, 'this process: <uid and sysctl>')
    .replace(/^prediction for port <port>: .*$/m, 'prediction for port 80: <depends on the user>')
    // Who may bind port 80 depends on the user and the sysctl (containers often lower it to 0);
    // test/privileged-ports.test.ts checks each outcome against the prediction instead.
    .replace(
      /^(listen\(\('127\.0\.0\.1', <port>\)\) as )(?:this user|user nobody).*$/gm,
      '$1<a user>: <outcome>',
    )
    // Without python3 the example says so instead; test/kernel-claims.test.ts checks Python's answer.
    .replace(/(python3, with(?:out)? SO_REUSEADDR *: .*-> ).*$/gm, '$1<what python3 said>');

/** backlog.ts asks python3 too; kernel-claims.test.ts checks what Python says (never skipped in CI). */
const python = (text: string) =>
  text
    .replace(/^( {2}python3 listen\(.*-> ).*$/gm, '$1<what python3 said>')
    .replace(/^Python's socket\.SOMAXCONN here: .*\n/m, '');
// Linux only: the examples print what the kernel says through /proc, and the recordings are Linux's.
const examples: Array<{ name: string; normalise?: (text: string) => string }> = [
  { name: 'lifecycle' },
  { name: 'netstat-scene', normalise: processes },
  { name: 'bind-variants', normalise: machine },
  { name: 'port-zero' },
  { name: 'address-errors', normalise: (text) => reusePortLines(machine(text)) },
  { name: 'dual-stack' },
  { name: 'backlog', normalise: python },
];

const recordings = linuxOnly(
  "the recordings are Linux's: what its kernel says through /proc and ss",
);

recordings.describe('chapter 2 examples match their recorded output', () => {
  for (const { name, normalise } of examples) {
    it(name, async () => {
      const file = new URL(`../examples/${name}.ts`, import.meta.url).pathname;
      const run = await runExample(file, [], { timeoutMs: 60_000 });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const { actual, recorded } = await compareWithRecording(
        run.stdout,
        new URL(`../outputs/${name}.txt`, import.meta.url),
        normalise === undefined ? {} : { normalise },
      );
      expect(actual).toBe(recorded);
    }, 70_000);
  }
});

// Elsewhere the examples that are Linux-only as a whole say so in one line and exit 0 (run here
// as macOS would run them: runExample fakes process.platform), and dual-stack leaves out only its
// /proc/net lines, saying so.
describe('off Linux, the Linux-only examples say so', () => {
  const linuxOnlyExamples = {
    lifecycle: "lifecycle.ts needs Linux (the kernel's view of each socket is read from /proc/net)",
    'netstat-scene':
      "netstat-scene.ts needs Linux (netstat() reads /proc/net, and ss is Linux's iproute2)",
    backlog:
      "backlog.ts needs Linux (ss and /proc show the accept queue, and backlog + 1 is Linux's rule)",
  };
  for (const [name, line] of Object.entries(linuxOnlyExamples)) {
    it(`${name}: one line, exit 0`, async () => {
      const file = new URL(`../examples/${name}.ts`, import.meta.url).pathname;
      const run = await runExample(file, [], { platform: 'darwin' });
      expect([run.stdout, run.stderr, run.code]).toEqual([`${line}; skipped on darwin\n`, '', 0]);
    });
  }

  it('dual-stack: everything but the kernel tables', async () => {
    const file = new URL('../examples/dual-stack.ts', import.meta.url).pathname;
    const run = await runExample(file, [], { platform: 'darwin' });
    expect([run.stderr, run.code]).toEqual(['', 0]);
    if (run.stdout.startsWith('skipped: this machine has no IPv6 loopback')) return;
    expect(run.stdout).toContain(
      'which kernel table each socket is in needs Linux (netstat() reads /proc/net); skipped on darwin\n',
    );
    expect(run.stdout).toContain('with IPV6_V6ONLY');
    expect(run.stdout).not.toContain('kernel:');
  });
});
