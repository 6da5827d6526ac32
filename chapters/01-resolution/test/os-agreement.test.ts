// The chapter's answers must be the operating system's answers: on this machine, socket-core's
// resolution calls are compared with glibc's own tools (getent, hostname) and with Python's
// socket module. Neither tool is guarded (they are other processes), so every question is first
// checked with testbed's systemLookupRefusal: only what /etc/hosts answers on this machine is
// asked, and a question it cannot answer is skipped with the reason. Nothing leaves the machine.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  AI_ADDRCONFIG,
  AI_PASSIVE,
  AI_V4MAPPED,
  GaiError,
  getaddrinfo,
  getfqdn,
  gethostbyaddr,
  gethostbyname,
  gethostbyname_ex,
  gethostname,
} from '@netprog/socket-core';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { systemLookupRefusal, systemReverseLookupRefusal } from '@netprog/testbed/loopback-guard';
import { pythonUnavailable, runPython, skipWhenMissing } from '@netprog/testbed/tools';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/**
 * Starting a tool takes a moment, and Python behind a pyenv shim took 6 s on a busy 2-core
 * machine: each command gets 30 s, each test 40 s.
 */
const COMMAND_TIMEOUT_MS = 30_000;
const SLOW = { timeout: 40_000 };

/** getent is glibc's: the tests that ask it run on Linux only. */
const linux = linuxOnly("getent is glibc's tool");

/** stdout of a command, or null when it is not installed here. */
async function output(command: string, args: string[]): Promise<string | null> {
  try {
    return (await run(command, args, { timeout: COMMAND_TIMEOUT_MS })).stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The distinct addresses in `getent ahosts*` output, in the order getaddrinfo returned them. */
function addressesOf(getentOutput: string): string[] {
  const addresses = getentOutput
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((address) => address !== '');
  return [...new Set(addresses)];
}

/** The first reason a question would leave the machine, or undefined when none would. */
function firstRefusal(...refusals: Array<string | undefined>): string | undefined {
  return refusals.find((refusal) => refusal !== undefined);
}

describe('socket-core agrees with the operating system', SLOW, () => {
  it('gethostname() is what `hostname` prints', async (context) => {
    const shell = await output('hostname', []);
    if (shell === null) return context.skip('no hostname command on this machine');
    expect(gethostname()).toBe(shell.trim());
  });

  linux.it(
    'getaddrinfo("localhost") lists the addresses of `getent ahosts localhost`, in order',
    async (context) => {
      // getent asks with AI_ADDRCONFIG (glibc nss/getent.c).
      const refusal = systemLookupRefusal('localhost', 0, { addrconfig: true });
      if (refusal !== undefined) return context.skip(refusal);
      const getent = await output('getent', ['ahosts', 'localhost']);
      if (getent === null) return context.skip('getent is not installed');
      // getent asks getaddrinfo with AI_ADDRCONFIG | AI_V4MAPPED (glibc nss/getent.c); so do we here.
      const ours = await getaddrinfo('localhost', 80, {
        type: 'SOCK_STREAM',
        flags: AI_ADDRCONFIG | AI_V4MAPPED,
      });
      expect(addressesOf(getent).length).toBeGreaterThan(0);
      expect(ours.map(([, , , , [address]]) => address)).toEqual(addressesOf(getent));
    },
  );

  linux.it(
    'gethostbyname("localhost") is the first address of `getent ahostsv4 localhost`',
    async (context) => {
      const refusal = systemLookupRefusal('localhost', 4, { addrconfig: true });
      if (refusal !== undefined) return context.skip(refusal);
      const getent = await output('getent', ['ahostsv4', 'localhost']);
      if (getent === null) return context.skip('getent is not installed');
      expect(await gethostbyname('localhost')).toBe(addressesOf(getent)[0]);
      const [, , addresses] = await gethostbyname_ex('localhost');
      expect(addresses).toEqual(addressesOf(getent));
    },
  );

  linux.it(
    'gethostbyaddr("127.0.0.1") names the host `getent hosts 127.0.0.1` names first',
    async (context) => {
      const refusal = systemReverseLookupRefusal('127.0.0.1');
      if (refusal !== undefined) return context.skip(refusal);
      const getent = await output('getent', ['hosts', '127.0.0.1']);
      if (getent === null) return context.skip('getent is not installed');
      // getent's line is "127.0.0.1  name [aliases...]". Node's getnameinfo gives the name only, so
      // the aliases cannot be compared (see gethostbyaddr's doc comment).
      const [address, name] = getent.trim().split(/\s+/);
      expect(address).toBe('127.0.0.1');
      expect(await gethostbyaddr('127.0.0.1')).toEqual([name, [], ['127.0.0.1']]);
    },
  );
});

/**
 * Runs a Python script that prints JSON and parses it. Python's own `socket` module asks glibc's
 * getaddrinfo/getnameinfo, the same calls dns.lookup and dns.lookupService make: the answers
 * must be the same.
 */
async function python(lines: string[]): Promise<Record<string, unknown>> {
  return JSON.parse(await runPython(lines.join('\n'))) as Record<string, unknown>;
}

/** The Python helpers the scripts below share: results as JSON-friendly lists, errors as errno. */
const PY_PRELUDE = [
  'import json, socket',
  'def gai(*args, **kw):',
  '    try:',
  '        return [[i[0].name, i[1].name, i[2], i[3], list(i[4][:2])] for i in socket.getaddrinfo(*args, **kw) if i[1] != socket.SOCK_RAW]',
  '    except socket.gaierror as e:',
  "        return {'gaierror': e.errno}",
];

/** socket-core's answer in the same shape: the tuples, or the gaierror's errno. */
async function ours(call: Promise<unknown>): Promise<unknown> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof GaiError) return { gaierror: error.errno };
    throw error;
  }
}

describe("socket-core agrees with Python's socket module", SLOW, () => {
  it('for getaddrinfo, gethostbyname(_ex), gethostbyaddr, gethostname and getfqdn on loopback names', async (context) => {
    if (skipWhenMissing(context, await pythonUnavailable())) return;
    // Each question below, as Python's calls ask it: getaddrinfo and getfqdn('localhost') for
    // either family, gethostbyname(_ex) for IPv4, gethostbyaddr and getfqdn('127.0.0.1') reverse.
    const refusal = firstRefusal(
      systemLookupRefusal('localhost', 0),
      systemLookupRefusal('localhost', 4),
      systemReverseLookupRefusal('127.0.0.1'),
    );
    if (refusal !== undefined) return context.skip(refusal);
    const py = await python([
      ...PY_PRELUDE,
      'print(json.dumps({',
      "  'getaddrinfo': gai('localhost', 80),",
      "  'getaddrinfo_http': gai('localhost', 'http'),",
      "  'getaddrinfo_none': gai(None, 8080),",
      "  'getaddrinfo_passive': gai(None, 8080, flags=socket.AI_PASSIVE),",
      "  'gethostbyname': socket.gethostbyname('localhost'),",
      "  'gethostbyname_ex_addresses': socket.gethostbyname_ex('localhost')[2],",
      "  'gethostbyaddr_name': socket.gethostbyaddr('127.0.0.1')[0],",
      "  'gethostname': socket.gethostname(),",
      "  'getfqdn_localhost': socket.getfqdn('localhost'),",
      "  'getfqdn_127': socket.getfqdn('127.0.0.1'),",
      '}))',
    ]);
    expect(await getaddrinfo('localhost', 80)).toEqual(py.getaddrinfo);
    expect(await ours(getaddrinfo('localhost', 'http'))).toEqual(py.getaddrinfo_http);
    expect(await getaddrinfo(null, 8080)).toEqual(py.getaddrinfo_none);
    expect(await getaddrinfo(null, 8080, { flags: AI_PASSIVE })).toEqual(py.getaddrinfo_passive);
    expect(await gethostbyname('localhost')).toBe(py.gethostbyname);
    expect((await gethostbyname_ex('localhost'))[2]).toEqual(py.gethostbyname_ex_addresses);
    expect((await gethostbyaddr('127.0.0.1'))[0]).toBe(py.gethostbyaddr_name);
    expect(gethostname()).toBe(py.gethostname);
    // getfqdn by CPython's own rule (socket.py), not by its documentation: see host-name.ts.
    expect(await getfqdn('localhost')).toBe(py.getfqdn_localhost);
    expect(await getfqdn('127.0.0.1')).toBe(py.getfqdn_127);
  });

  it('for localhost asked for IPv6 only, with and without AI_V4MAPPED, where /etc/hosts answers it', async (context) => {
    if (skipWhenMissing(context, await pythonUnavailable())) return;
    // Without a ::1 line in /etc/hosts (the recording machine), the plain IPv6 question goes on
    // to DNS: it is not asked, by Python or by us. With AI_V4MAPPED the IPv4 line answers it.
    const plain = systemLookupRefusal('localhost', 6);
    const mapped = systemLookupRefusal('localhost', 6, { v4mapped: true });
    if (plain !== undefined && mapped !== undefined) return context.skip(mapped);
    const py = await python([
      ...PY_PRELUDE,
      'print(json.dumps({',
      plain === undefined ? "  'v6': gai('localhost', 80, socket.AF_INET6)," : '',
      mapped === undefined
        ? "  'v4mapped': gai('localhost', 80, socket.AF_INET6, flags=socket.AI_V4MAPPED),"
        : '',
      '}))',
    ]);
    if (plain === undefined) {
      expect(await ours(getaddrinfo('localhost', 80, { family: 'AF_INET6' }))).toEqual(py.v6);
    }
    if (mapped === undefined) {
      expect(
        await ours(getaddrinfo('localhost', 80, { family: 'AF_INET6', flags: AI_V4MAPPED })),
      ).toEqual(py.v4mapped);
    }
  });
});

describe("this machine's own name, as socket-methods.ts resolves it", SLOW, () => {
  linux.it('gets the answers getent and Python give for it from /etc/hosts', async (context) => {
    const name = gethostname();
    // Asked for IPv4 (gethostbyname) and either family (the others), as socket-methods.ts does;
    // where /etc/hosts cannot answer that, the question would leave the machine: skipped.
    const refusal = firstRefusal(systemLookupRefusal(name, 4), systemLookupRefusal(name, 0));
    if (refusal !== undefined) return context.skip(refusal);
    const core = {
      gethostbyname: await gethostbyname(name),
      gethostbyname_ex: await gethostbyname_ex(name),
      gethostbyaddr: await gethostbyaddr(name),
      getaddrinfo: await getaddrinfo(name, 80),
      getfqdn: await getfqdn(),
    };
    const v4 = addressesOf(
      (await run('getent', ['-s', 'files', 'ahostsv4', name], { timeout: COMMAND_TIMEOUT_MS }))
        .stdout,
    );
    expect(core.gethostbyname).toBe(v4[0]);
    expect(core.gethostbyname_ex[2]).toEqual(v4);
    if (skipWhenMissing(context, await pythonUnavailable())) return;
    const py = await python([
      ...PY_PRELUDE,
      `name = ${JSON.stringify(name)}`,
      'print(json.dumps({',
      "  'gethostbyname_ex': socket.gethostbyname_ex(name),",
      "  'gethostbyaddr_name': socket.gethostbyaddr(name)[0],",
      "  'getaddrinfo': gai(name, 80),",
      "  'getfqdn': socket.getfqdn(),",
      '}))',
    ]);
    // Python's gethostbyname_ex is C's, which also reports aliases; Node's lookup cannot (see
    // the chapter), so only the name and the addresses are compared.
    const [pyName, , pyAddresses] = py.gethostbyname_ex as [string, string[], string[]];
    expect(core.gethostbyname_ex).toEqual([pyName, [], pyAddresses]);
    expect(core.gethostbyaddr[0]).toBe(py.gethostbyaddr_name);
    expect(core.getaddrinfo).toEqual(py.getaddrinfo);
    expect(core.getfqdn).toBe(py.getfqdn);
  });
});
