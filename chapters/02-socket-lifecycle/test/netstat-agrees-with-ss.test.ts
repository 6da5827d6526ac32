// The chapter's claim: netstat() (reading /proc/net) and `ss -tan` (asking the kernel over
// netlink) see the same sockets in the same states. Checked on sockets this test opens: an IPv4
// listener with a client and its accepted socket (LISTEN + two ESTABLISHED mirror images), and a
// dual-stack listener with an IPv4 client (the tcp6 table, ::ffff: addresses).

import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createConnection, createServer, Server, type Socket } from 'node:net';
import { promisify } from 'node:util';
import { type NetstatEntry, netstat } from '@netprog/socket-core';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { within } from '@netprog/testbed/timing';
import { skipWhenMissing } from '@netprog/testbed/tools';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseSsOutput, type SsRow } from '../src/ss-output.ts';

const run = promisify(execFile);

const linux = linuxOnly("netstat() reads /proc/net, and ss is Linux's iproute2");

/** Why ss cannot be asked on this Linux (not installed), or undefined. Off Linux: not asked. */
async function ssMissing(): Promise<string | undefined> {
  if (linux.skipped !== undefined) return linux.skipped;
  return run('ss', ['-V'], { timeout: 3_000 }).then(
    () => undefined,
    () => 'ss is not installed (Debian: apt-get install iproute2)',
  );
}

const missing = await ssMissing();

const opened: Array<Server | Socket> = [];
/** Our connections, as [listener port, client port]: only their sockets are compared. */
const connections: Array<[number, number]> = [];

/**
 * A listener, a client and the server's socket for that client. Anyone on this machine may also
 * connect to the listener (other packages' tests scan every port of 127.0.0.1), so accepted
 * strangers are kept quiet and left out of the comparison.
 */
async function connection(listenHost: string, connectHost: string): Promise<void> {
  const accepted: Socket[] = [];
  const server = createServer((socket) => {
    socket.on('error', () => {}); // a scanner's RST must not crash the test
    accepted.push(socket);
    opened.push(socket);
  });
  opened.push(server);
  server.listen({ host: listenHost, port: 0 });
  await within(once(server, 'listening'), 2_000, `listen on ${listenHost}`);
  const { port } = server.address() as { port: number };
  const client = createConnection({ host: connectHost, port });
  opened.push(client);
  await within(once(client, 'connect'), 2_000, `connect to ${connectHost}:${port}`);
  const mine = () => accepted.some((s) => s.remotePort === client.localPort);
  while (!mine()) await within(once(server, 'connection'), 2_000, 'accept');
  connections.push([port, client.localPort ?? 0]);
}

afterAll(async () => {
  for (const handle of opened.splice(0).reverse()) {
    if (handle instanceof Server) await new Promise((resolve) => handle.close(resolve));
    else handle.destroy();
  }
});

/** A listener of ours, or one end of one of our connections. */
const ours = (state: string, local: readonly [string, number], remote: readonly [string, number]) =>
  connections.some(
    ([port, clientPort]) =>
      (state === 'LISTEN' && local[1] === port) ||
      (local[1] === clientPort && remote[1] === port) ||
      (local[1] === port && remote[1] === clientPort),
  );
const key = (e: Pick<SsRow | NetstatEntry, 'state' | 'local' | 'remote'>) =>
  `${e.state} ${e.local.join(' ')} -> ${e.remote.join(' ')}`;

linux.describe('netstat() agrees with ss', () => {
  beforeAll(async () => {
    if (missing !== undefined) return;
    await connection('127.0.0.1', '127.0.0.1');
    await connection('::', '127.0.0.1');
  });

  // The kernel writes /proc/net/tcp a page at a time, so a socket that moves in its hash table
  // while other tests open and close theirs can be missed by one read (netstat() already drops
  // the copies such a read can also hold): two more tries, each a fresh pair of snapshots.
  const SNAPSHOT_RETRIES = { retry: 2 };

  it('on state, local and remote address (ss -tan)', SNAPSHOT_RETRIES, async (context) => {
    if (skipWhenMissing(context, missing)) return;
    const [{ stdout }, entries] = await Promise.all([
      run('ss', ['-tan'], { timeout: 3_000 }),
      netstat({ protocols: ['tcp', 'tcp6'] }),
    ]);
    const fromSs = parseSsOutput(stdout).filter((r) => ours(r.state, r.local, r.remote));
    const fromProc = entries.filter((e) => ours(e.state, e.local, e.remote));
    expect(fromProc.map(key).sort()).toEqual(fromSs.map(key).sort());
    // Two listeners, each with two ESTABLISHED mirror images: six sockets in all.
    expect(fromProc.map((e) => e.state).sort()).toEqual([
      'ESTABLISHED',
      'ESTABLISHED',
      'ESTABLISHED',
      'ESTABLISHED',
      'LISTEN',
      'LISTEN',
    ]);
  });

  it('on the process and fd holding each socket (ss -tanp)', SNAPSHOT_RETRIES, async (context) => {
    if (skipWhenMissing(context, missing)) return;
    const [{ stdout }, entries] = await Promise.all([
      run('ss', ['-tanp'], { timeout: 3_000 }),
      netstat({ protocols: ['tcp', 'tcp6'] }),
    ]);
    const owners = (rows: Array<{ key: string; pid?: number; fd?: number }>) =>
      rows.map((r) => `${r.key} pid=${r.pid} fd=${r.fd}`).sort();
    const fromSs = parseSsOutput(stdout)
      .filter((r) => ours(r.state, r.local, r.remote))
      .map((r) => ({ key: key(r), pid: r.users[0]?.pid, fd: r.users[0]?.fd }));
    const fromProc = entries
      .filter((e) => ours(e.state, e.local, e.remote))
      .map((e) => ({ key: key(e), pid: e.pid, fd: e.fd }));
    expect(owners(fromProc)).toEqual(owners(fromSs));
    expect(fromProc.every((e) => e.pid === process.pid)).toBe(true);
  });
});
