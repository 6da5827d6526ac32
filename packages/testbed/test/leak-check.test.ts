import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  activeResourcesAfterTick,
  addedResources,
  countInWords,
  describeHandle,
  findLeaks,
  LeakedHandlesError,
  takeResourceSnapshot,
  watchedResources,
} from '../src/leak-check/index.ts';
import { within } from '../src/timing/index.ts';

describe('resource lists', () => {
  it('watch sockets, servers, pipes, child processes and lookups, not timers', () => {
    expect(
      watchedResources([
        'Timeout',
        'UDPWrap',
        'TCPSocketWrap',
        'Immediate',
        'ProcessWrap',
        'PipeWrap',
        'GetAddrInfoReqWrap',
        'TTYWrap',
      ]),
    ).toEqual(['GetAddrInfoReqWrap', 'PipeWrap', 'ProcessWrap', 'TCPSocketWrap', 'UDPWrap']);
  });

  it('count what was added, duplicates included, and ignore what went away', () => {
    const before = ['PipeWrap', 'TCPSocketWrap'];
    const after = ['PipeWrap', 'TCPServerWrap', 'TCPSocketWrap', 'TCPSocketWrap'];
    expect(addedResources(before, after)).toEqual(['TCPServerWrap', 'TCPSocketWrap']);
    expect(addedResources(['UDPWrap'], [])).toEqual([]);
  });

  it('say in words what leaked', () => {
    expect(countInWords(['TCPSocketWrap', 'ProcessWrap', 'TCPSocketWrap', 'ProcessWrap'])).toBe(
      '2 child processes (ProcessWrap), 2 TCP sockets (TCPSocketWrap)',
    );
    expect(countInWords(['SomethingNew'])).toBe('1 SomethingNew (SomethingNew)');
  });
});

describe('findLeaks', () => {
  it('finds a server and a socket left open, names their addresses, and clears once they close', async () => {
    const before = takeResourceSnapshot();
    const server = net.createServer((socket) => socket.on('error', () => {}));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as net.AddressInfo;
    const client = net.connect(port, '127.0.0.1');
    await within(once(client, 'connect'), 2_000, `connect to 127.0.0.1:${port}`);
    try {
      const leak = await findLeaks(before, { withinMs: 50 });
      expect(leak?.added).toContain('TCPServerWrap');
      expect(leak?.added).toContain('TCPSocketWrap');
      expect(leak?.described).toContain(`TCP server listening on 127.0.0.1:${port}`);
      expect(leak?.described).toContain(
        `TCP socket 127.0.0.1:${client.localPort} → 127.0.0.1:${port}`,
      );
    } finally {
      client.destroy();
      server.close();
    }
    // Closing is asynchronous; findLeaks waits for it (a destroyed socket is listed until libuv
    // has run its close callback, and the server's accepted side closes when the client's FIN arrives).
    expect(await findLeaks(before, { withinMs: 2_000 })).toBeUndefined();
  });

  it('finds a child process and its pipes until the child has exited', async () => {
    const before = takeResourceSnapshot();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20_000)']);
    const exited = once(child, 'exit');
    try {
      const leak = await findLeaks(before, { withinMs: 50 });
      expect(leak?.added).toContain('ProcessWrap');
      expect(leak?.added).toContain('PipeWrap');
      expect(leak?.described.join('\n')).toMatch(new RegExp(`child process ${child.pid} \\(`));
    } finally {
      child.kill();
    }
    await exited;
    expect(await findLeaks(before, { withinMs: 2_000 })).toBeUndefined();
  });

  it('describes UDP sockets and unbound ones', async () => {
    const socket = dgram.createSocket('udp4');
    try {
      expect(describeHandle(socket)).toBe('UDP socket (not bound yet)');
      socket.bind(0, '127.0.0.1');
      await once(socket, 'listening');
      expect(describeHandle(socket)).toBe(`UDP socket bound to 127.0.0.1:${socket.address().port}`);
    } finally {
      socket.close();
    }
    const timer = setTimeout(() => {}, 0);
    expect(describeHandle(timer)).toBeUndefined();
    clearTimeout(timer); // left pending, it would fire during a later test's reading of timers
  });

  it('LeakedHandlesError says where, what, and what to do', () => {
    const error = new LeakedHandlesError(
      'test/echo.test.ts',
      { added: ['TCPServerWrap'], described: ['TCP server listening on 127.0.0.1:41234'] },
      2_000,
    );
    expect(error.message).toBe(
      'leaked handles: test/echo.test.ts left 1 TCP server (TCPServerWrap) open: TCP server ' +
        'listening on 127.0.0.1:41234 (still open 2000 ms after the last hook). Close every ' +
        'socket, server and child process a test opens (await close(), or `await using`), in the ' +
        'test or in afterEach/afterAll.',
    );
  });
});

describe('activeResourcesAfterTick', () => {
  it('lists pending timers and a socket until they are cleared and closed, even under fake timers', async () => {
    // Every pending timer reads as the same 'Timeout', whoever started it: one that an earlier
    // test left pending (a 0 ms timer is still pending after two check phases almost every time)
    // can fire between two readings and cancel out one of ours. Twenty of ours stand out anyway.
    const OURS = 20;
    const timeouts = (names: readonly string[]) =>
      names.filter((name) => name === 'Timeout').length;
    const before = await activeResourcesAfterTick();
    const timers = Array.from({ length: OURS }, () => setTimeout(() => {}, 60_000));
    const server = net.createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const open = await activeResourcesAfterTick();
    expect(watchedResources(addedResources(before, open))).toEqual(['TCPServerWrap']);
    expect(timeouts(open)).toBeGreaterThanOrEqual(OURS);
    for (const timer of timers) clearTimeout(timer);
    await new Promise((resolve) => server.close(resolve));
    vi.useFakeTimers(); // its wait uses the real setTimeout, so it still returns
    try {
      const closed = await activeResourcesAfterTick();
      expect(watchedResources(addedResources(before, closed))).toEqual([]);
      expect(timeouts(closed)).toBeLessThan(OURS);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the shared setup file (@netprog/testbed/vitest)', () => {
  // A separate vitest process costs 1-3 s; one run proves the wiring for every package.
  it('fails a test file that leaves a server open, naming it, even though its test passed', {
    timeout: 30_000,
  }, async () => {
    const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
    const vitest = join(
      dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
      'vitest.mjs',
    );
    // The inner vitest must not think it runs inside this one, nor write its deliberate leaks
    // into `pnpm soak`'s results (NETPROG_TEST_RESULTS_DIR): soak reported them as failures.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) => !/^(VITEST|TINYPOOL|NODE_OPTIONS$|NETPROG_TEST_RESULTS_DIR$)/.test(key),
      ),
    );
    const child = spawn(process.execPath, [vitest, 'run', '--config', 'vitest.config.ts'], {
      cwd: fixtures,
      env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0', NETPROG_LEAK_SETTLE_MS: '200' },
      timeout: 25_000,
      killSignal: 'SIGKILL',
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const [code] = (await once(child, 'close')) as [number | null];
    expect(output).toMatch(/✓ .*opens a server and a client and never closes them/);
    expect(output).toMatch(
      /LeakedHandlesError: leaked handles: leaks-a-server\.fixture\.ts left .*1 TCP server \(TCPServerWrap\).* open: .*TCP server listening on 127\.0\.0\.1:\d+/,
    );
    expect(code).toBe(1);
  });
});
