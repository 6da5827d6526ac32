import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { parseSocketLink, socketInodesOf } from '@netprog/proc-net';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { within } from '@netprog/testbed/timing';
import { afterEach, describe, expect, it } from 'vitest';
import { UnsupportedError } from '../../src/errors.ts';
import { formatNetstat, formatNetstatEndpoint } from '../../src/netstat/format-netstat.ts';
import { NetstatUnsupportedError, netstat, oncePerSocket } from '../../src/netstat/netstat.ts';

const opened: Array<Server | Socket> = [];
afterEach(async () => {
  // Newest first: a server's close() waits until its accepted sockets are gone.
  for (const handle of opened.splice(0).reverse()) {
    if ('listening' in handle) await new Promise((resolve) => handle.close(resolve));
    else handle.destroy();
  }
});

/**
 * A listener on 127.0.0.1:0, a client connected to it, and the server's socket for THAT client.
 * Anything on this machine may connect to the listener too (other packages' tests run port
 * scanners over 127.0.0.1), so strangers are accepted, kept quiet and ignored.
 */
async function threeSockets(): Promise<{ port: number; client: Socket; accepted: Socket }> {
  const acceptedSockets: Socket[] = [];
  const server = createServer((socket) => {
    socket.on('error', () => {}); // a scanner's RST must not crash the test
    acceptedSockets.push(socket);
    opened.push(socket);
  });
  opened.push(server);
  server.listen(0, '127.0.0.1');
  await within(once(server, 'listening'), 2_000, 'listen');
  const { port } = server.address() as { port: number };
  const client = createConnection({ host: '127.0.0.1', port });
  opened.push(client);
  await within(once(client, 'connect'), 2_000, 'connect');
  const mine = () => acceptedSockets.find((s) => s.remotePort === client.localPort);
  while (mine() === undefined) await within(once(server, 'connection'), 2_000, 'accept');
  return { port, client, accepted: mine() as Socket };
}

/** The entries of one connection: its listener and its two ends (not strangers' connections). */
function connectionEntries<
  E extends { local: readonly [string, number]; remote: readonly [string, number]; state: string },
>(entries: E[], port: number, clientPort: number | undefined): E[] {
  return entries.filter(
    (e) =>
      (e.state === 'LISTEN' && e.local[1] === port) ||
      (e.local[1] === clientPort && e.remote[1] === port) ||
      (e.local[1] === port && e.remote[1] === clientPort),
  );
}

describe('oncePerSocket', () => {
  const entry = (inode: number, localPort: number, state: 'ESTABLISHED' | 'TIME_WAIT') => ({
    proto: 'tcp' as const,
    local: ['127.0.0.1', localPort] as const,
    remote: ['127.0.0.1', 80] as const,
    state,
    stateCode: state === 'ESTABLISHED' ? 1 : 6,
    txQueue: 0,
    rxQueue: 0,
    uid: 0,
    inode,
  });

  it('keeps a socket the kernel wrote twice once (a busy machine showed it), in table order', () => {
    const [a, b] = [entry(11, 40_001, 'ESTABLISHED'), entry(12, 40_002, 'ESTABLISHED')];
    expect(oncePerSocket([a, b, { ...a }])).toEqual([a, b]);
  });

  it('tells sockets without an inode apart by state and addresses', () => {
    const [x, y] = [entry(0, 40_003, 'TIME_WAIT'), entry(0, 40_004, 'TIME_WAIT')];
    expect(oncePerSocket([x, y, { ...x }])).toEqual([x, y]);
  });
});

describe('parseSocketLink', () => {
  it('reads the inode of a socket link and ignores everything else', () => {
    expect(parseSocketLink('socket:[13043]')).toBe(13043);
    expect(parseSocketLink('pipe:[13556]')).toBeNull();
    expect(parseSocketLink('/dev/null')).toBeNull();
    expect(parseSocketLink('anon_inode:[eventpoll]')).toBeNull();
  });
});

describe('netstat() on another platform', () => {
  it('refuses plainly instead of guessing', async () => {
    const failure = netstat({ platform: 'darwin' });
    await expect(failure).rejects.toBeInstanceOf(NetstatUnsupportedError);
    await expect(failure).rejects.toBeInstanceOf(UnsupportedError);
    await expect(failure).rejects.toMatchObject({
      code: 'ERR_NETPROG_UNSUPPORTED',
      platform: 'darwin',
    });
    await expect(failure).rejects.toThrow(/not supported on darwin: .*reads Linux's \/proc\/net/);
  });
});

linuxOnly('netstat() reads /proc/net').describe('netstat() on Linux', () => {
  it("finds this process's LISTEN socket and the two ESTABLISHED mirror images", async () => {
    const { port, client } = await threeSockets();
    const clientPort = client.localPort;
    const mine = connectionEntries(await netstat({ protocols: ['tcp'] }), port, clientPort);
    expect(mine.map((e) => [e.state, e.local, e.remote]).sort()).toEqual(
      [
        ['ESTABLISHED', ['127.0.0.1', clientPort], ['127.0.0.1', port]],
        ['ESTABLISHED', ['127.0.0.1', port], ['127.0.0.1', clientPort]],
        ['LISTEN', ['127.0.0.1', port], ['0.0.0.0', 0]],
      ].sort(),
    );
    for (const entry of mine) {
      expect(entry.pid).toBe(process.pid);
      expect(entry.fd).toBeGreaterThan(2);
    }
  });

  it('reports the fd Node itself uses for the socket', async () => {
    const { client } = await threeSockets();
    // _handle.fd is internal to Node, read here only to cross-check /proc/self/fd.
    const nodeFd = (client as unknown as { _handle: { fd: number } })._handle.fd;
    const entry = (await netstat()).find((e) => e.local[1] === client.localPort);
    expect(entry?.fd).toBe(nodeFd);
  });

  it('omits sockets of other processes unless all: true', async () => {
    const mine = await netstat();
    const everything = await netstat({ all: true });
    expect(everything.length).toBeGreaterThanOrEqual(mine.length);
    expect(mine.every((e) => e.pid === process.pid)).toBe(true);
    const inodes = new Set(everything.map((e) => e.inode));
    expect(mine.every((e) => inodes.has(e.inode))).toBe(true);
  });

  it("maps each of this process's socket fds to an inode", async () => {
    const { client } = await threeSockets();
    const inodes = await socketInodesOf('self');
    const nodeFd = (client as unknown as { _handle: { fd: number } })._handle.fd;
    expect([...inodes.values()]).toContain(nodeFd);
  });
});

describe('formatNetstat', () => {
  it('prints endpoints like ss, with * for "no port"', () => {
    expect(formatNetstatEndpoint(['127.0.0.1', 7001])).toBe('127.0.0.1:7001');
    expect(formatNetstatEndpoint(['::ffff:127.0.0.1', 7001])).toBe('[::ffff:127.0.0.1]:7001');
    expect(formatNetstatEndpoint(['0.0.0.0', 0])).toBe('0.0.0.0:*');
  });

  it('lines up columns and adds PID/Program only when known', () => {
    const base = { txQueue: 0, rxQueue: 0, uid: 0, stateCode: 10 } as const;
    const table = formatNetstat([
      {
        ...base,
        proto: 'tcp',
        local: ['127.0.0.1', 7001],
        remote: ['0.0.0.0', 0],
        state: 'LISTEN',
        inode: 1,
        pid: 42,
        command: 'node',
        fd: 3,
      },
      {
        ...base,
        proto: 'tcp',
        local: ['127.0.0.1', 50204],
        remote: ['127.0.0.1', 7001],
        state: 'TIME_WAIT',
        stateCode: 6,
        inode: 0,
      },
    ]);
    expect(table.split('\n')).toEqual([
      'Proto  Local Address    Foreign Address  State      PID/Program',
      'tcp    127.0.0.1:7001   0.0.0.0:*        LISTEN     42/node',
      'tcp    127.0.0.1:50204  127.0.0.1:7001   TIME_WAIT  -',
    ]);
  });
});
