// The chapter's claims about this kernel and this Node, checked on this machine rather than
// taken from the notes (written on macOS) or from documentation: the backlog the kernel really
// sets, what SO_REUSEADDR does for a port with connections in TIME_WAIT, and what a Node too old
// for reusePort (Node 20) does with it, and what a Node that has it (22.12+, 24) does.

import { once } from 'node:events';
import net from 'node:net';
import { errnoNumber, reusePortSupport, socket, UnsupportedError } from '@netprog/socket-core';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { within } from '@netprog/testbed/timing';
import { pythonUnavailable, skipWhenMissing } from '@netprog/testbed/tools';
import { describe, expect, it } from 'vitest';
import { effectiveBacklog, kernelLimits } from '../src/kernel-limits.ts';
import { waitForEntry } from '../src/kernel-view.ts';
import { pythonBind } from '../src/python-bind.ts';
import { pythonListen } from '../src/python-listen.ts';
import { closeListener, listenReusingPort } from '../src/reuse-port.ts';
import { kernelBacklog, runSs } from '../src/run-ss.ts';

const backlogs = linuxOnly(
  "ss shows the accept queue's limit the kernel set; /proc/sys its somaxconn",
);
const timeWait = linuxOnly('netstat() reads the TIME_WAIT entry from /proc/net');
// On Linux the platform has SO_REUSEPORT balancing, so only the Node version can be missing;
// elsewhere the platform decides first.
const reusePortIgnored = linuxOnly('Node ignores reusePort only where the platform has it');
/** Why ss cannot be asked on this Linux, or undefined (off Linux those tests are skipped anyway). */
const ssMissing =
  backlogs.skipped === undefined && (await runSs(['-ltn'])) === null
    ? 'ss is not installed (Debian: apt-get install iproute2)'
    : undefined;

/** A plain Node listener on 127.0.0.1:0 (with `backlog` when given), and its port. */
async function plainListener(backlog?: number): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer();
  server.listen({ host: '127.0.0.1', port: 0, ...(backlog === undefined ? {} : { backlog }) });
  await once(server, 'listening');
  return { server, port: (server.address() as net.AddressInfo).port };
}

const close = (server: net.Server) => new Promise((resolve) => server.close(resolve));

backlogs.describe('the backlog the kernel really sets (ss -ltn, Send-Q of LISTEN)', () => {
  it("follows Node's `backlog || 511`, capped at net.core.somaxconn", async (context) => {
    if (skipWhenMissing(context, ssMissing)) return;
    const { somaxconn } = await kernelLimits();
    expect(somaxconn).not.toBeNull();
    for (const backlog of [undefined, 0, 1, 10, 100_000]) {
      const { server, port } = await plainListener(backlog);
      try {
        expect(await kernelBacklog(port), `listen({ backlog: ${backlog} })`).toBe(
          effectiveBacklog(backlog, somaxconn ?? 0).kernel,
        );
      } finally {
        await close(server);
      }
    }
  });

  it("Python's listen() asks for min(SOMAXCONN, 128), and passes listen(0) through as 0", async (context) => {
    if (skipWhenMissing(context, ssMissing ?? (await pythonUnavailable()))) return;
    const { somaxconn } = await kernelLimits();
    for (const backlog of ['default', 0, 5, 100_000] as const) {
      const listener = await pythonListen(backlog);
      if (listener === null) throw new Error('python3 is installed but did not start');
      try {
        // SOMAXCONN is the C header's constant (4096 with glibc 2.36, 128 on macOS); whatever it
        // is, Python's default is min(SOMAXCONN, 128), and the kernel caps at its own somaxconn.
        const expected =
          backlog === 'default'
            ? Math.min(listener.somaxconn, 128)
            : Math.min(backlog, somaxconn ?? 0);
        expect(await kernelBacklog(listener.port), `python3 listen(${backlog})`).toBe(expected);
      } finally {
        await listener.close();
      }
    }
  });

  it("socket-core's listen() asks for Python's default, 128", async (context) => {
    if (skipWhenMissing(context, ssMissing)) return;
    const server = socket();
    await server.bind(['127.0.0.1', 0]);
    await server.listen();
    try {
      expect(await kernelBacklog(server.getsockname()[1])).toBe(128);
    } finally {
      await server.close();
    }
  });
});

timeWait.describe('TIME_WAIT and SO_REUSEADDR', () => {
  it('a port whose connection is in TIME_WAIT: Node rebinds it, Python without SO_REUSEADDR cannot', async (context) => {
    const { server, port } = await plainListener();
    const accepted = once(server, 'connection') as Promise<[net.Socket]>;
    const client = net.connect({ host: '127.0.0.1', port });
    await within(once(client, 'connect'), 2_000, `connect to 127.0.0.1:${port}`);
    const clientPort = client.localPort;
    // Strangers may connect too (a port scanner elsewhere on this machine): find ours.
    const ours = `the connection from port ${clientPort}`;
    let [conn] = await within(accepted, 2_000, ours);
    while (conn.remotePort !== clientPort)
      [conn] = (await within(once(server, 'connection'), 2_000, ours)) as [net.Socket];
    // The server's side closes first, so TIME_WAIT lands on the server's port.
    conn.end();
    await within(once(client, 'end'), 2_000, "the server's FIN");
    client.end();
    await close(server);
    await waitForEntry(
      (e) => e.state === 'TIME_WAIT' && e.local[1] === port && e.remote[1] === clientPort,
      { all: true, protocols: ['tcp'] },
    );

    const restarted = await plainListener();
    await close(restarted.server);
    const again = net.createServer();
    again.listen({ host: '127.0.0.1', port });
    await once(again, 'listening'); // Node's SO_REUSEADDR: no EADDRINUSE
    await close(again);

    const without = await pythonBind(['127.0.0.1', port], { reuseAddress: false });
    if (without === null) return context.skip('python3 is not installed');
    // Python prints the platform's number (98 on Linux): from the table, never written out.
    expect(without).toBe(`[Errno ${errnoNumber('EADDRINUSE')}] Address already in use`);
    expect(await pythonBind(['127.0.0.1', port], { reuseAddress: true })).toBe('ok');
  });
});

// The text says: Node added reusePort in 22.12, and an older Node (Node 20) accepts
// the option and ignores it, which is why socket-core refuses SO_REUSEPORT instead. Whether this
// Node can is socket-core's own reusePortSupport(), not a version number written here.
const reusePort = reusePortSupport();
describe.runIf(!reusePort.supported)('reusePort where this Node cannot set it', () => {
  reusePortIgnored.it('plain Node silently ignores listen({ reusePort: true })', async () => {
    const first = await listenReusingPort(0);
    expect(first).toBeInstanceOf(net.Server);
    const { port } = (first as net.Server).address() as net.AddressInfo;
    const second = await listenReusingPort(port);
    try {
      expect(second).toBe('EADDRINUSE');
    } finally {
      await Promise.all([first, second].map(closeListener));
    }
  });

  it('socket-core refuses SO_REUSEPORT, saying why', () => {
    expect(() => socket().setsockopt('SO_REUSEPORT', true)).toThrow(UnsupportedError);
    expect(() => socket().setsockopt('SO_REUSEPORT', true)).toThrow(reusePort.reason);
  });
});

describe.runIf(reusePort.supported)('reusePort where this Node sets it (22.12+)', () => {
  it('plain Node: a second listen({ reusePort: true }) on the same port succeeds', async () => {
    const first = await listenReusingPort(0);
    expect(first).toBeInstanceOf(net.Server);
    const { port } = (first as net.Server).address() as net.AddressInfo;
    const second = await listenReusingPort(port);
    try {
      expect(second).toBeInstanceOf(net.Server);
    } finally {
      await Promise.all([first, second].map(closeListener));
    }
  });

  it("socket-core: two sockets with setsockopt('SO_REUSEPORT', true) listen on one port", async () => {
    const a = socket();
    const b = socket();
    try {
      a.setsockopt('SO_REUSEPORT', true);
      await a.bind(['127.0.0.1', 0]);
      await a.listen();
      b.setsockopt('SO_REUSEPORT', true);
      await b.bind(a.getsockname());
      await b.listen();
      expect(b.getsockname()).toEqual(a.getsockname());
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
