// The chapter's answers must be the operating system's answers: on this machine, socket-core's
// resolution calls are compared with glibc's own tools (getent, hostname) and, where Python is
// installed, with Python's socket module, all asking about names /etc/hosts answers (localhost,
// 127.0.0.1), so nothing leaves the machine.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  AI_ADDRCONFIG,
  AI_V4MAPPED,
  getaddrinfo,
  gethostbyaddr,
  gethostbyname,
  gethostbyname_ex,
  gethostname,
} from '@netprog/socket-core';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/**
 * Starting a tool takes a moment, and Python behind a pyenv shim took 6 s on a busy 2-core
 * machine: each command gets 30 s, each test 40 s.
 */
const COMMAND_TIMEOUT_MS = 30_000;
const SLOW = { timeout: 40_000 };

/** stdout of a command, or null when it is not installed here (getent is glibc-only). */
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

describe('socket-core agrees with the operating system', SLOW, () => {
  it('gethostname() is what `hostname` prints', async (context) => {
    const shell = await output('hostname', []);
    if (shell === null) return context.skip('no hostname command on this machine');
    expect(gethostname()).toBe(shell.trim());
  });

  it('getaddrinfo("localhost") lists the addresses of `getent ahosts localhost`, in order', async (context) => {
    const getent = await output('getent', ['ahosts', 'localhost']);
    if (getent === null) return context.skip('getent is glibc-only');
    // getent asks getaddrinfo with AI_ADDRCONFIG | AI_V4MAPPED (glibc nss/getent.c); so do we here.
    const ours = await getaddrinfo('localhost', 80, {
      type: 'SOCK_STREAM',
      flags: AI_ADDRCONFIG | AI_V4MAPPED,
    });
    expect(addressesOf(getent).length).toBeGreaterThan(0);
    expect(ours.map(([, , , , [address]]) => address)).toEqual(addressesOf(getent));
  });

  it('gethostbyname("localhost") is the first address of `getent ahostsv4 localhost`', async (context) => {
    const getent = await output('getent', ['ahostsv4', 'localhost']);
    if (getent === null) return context.skip('getent is glibc-only');
    expect(await gethostbyname('localhost')).toBe(addressesOf(getent)[0]);
    const [, , addresses] = await gethostbyname_ex('localhost');
    expect(addresses).toEqual(addressesOf(getent));
  });

  it('gethostbyaddr("127.0.0.1") names the host `getent hosts 127.0.0.1` names first', async (context) => {
    const getent = await output('getent', ['hosts', '127.0.0.1']);
    if (getent === null) return context.skip('getent is glibc-only');
    // getent's line is "127.0.0.1  name [aliases...]". Node's getnameinfo gives the name only, so
    // the aliases cannot be compared (see gethostbyaddr's doc comment).
    const [address, name] = getent.trim().split(/\s+/);
    expect(address).toBe('127.0.0.1');
    expect(await gethostbyaddr('127.0.0.1')).toEqual([name, [], ['127.0.0.1']]);
  });
});

describe("socket-core agrees with Python's socket module", SLOW, () => {
  it('for getaddrinfo, gethostbyname(_ex), gethostbyaddr and gethostname on loopback names', async (context) => {
    const script = [
      'import json, socket',
      "infos = [(i[0].name, i[1].name, i[2], i[3], list(i[4][:2])) for i in socket.getaddrinfo('localhost', 80) if i[1] != socket.SOCK_RAW]",
      'print(json.dumps({',
      "  'getaddrinfo': infos,",
      "  'gethostbyname': socket.gethostbyname('localhost'),",
      "  'gethostbyname_ex_addresses': socket.gethostbyname_ex('localhost')[2],",
      "  'gethostbyaddr_name': socket.gethostbyaddr('127.0.0.1')[0],",
      "  'gethostname': socket.gethostname(),",
      '}))',
    ].join('\n');
    const printed = await output('python3', ['-c', script]);
    if (printed === null) return context.skip('python3 is not installed');
    const py = JSON.parse(printed) as Record<string, unknown>;
    expect(await getaddrinfo('localhost', 80)).toEqual(py.getaddrinfo);
    expect(await gethostbyname('localhost')).toBe(py.gethostbyname);
    expect((await gethostbyname_ex('localhost'))[2]).toEqual(py.gethostbyname_ex_addresses);
    expect((await gethostbyaddr('127.0.0.1'))[0]).toBe(py.gethostbyaddr_name);
    expect(gethostname()).toBe(py.gethostname);
  });
});
