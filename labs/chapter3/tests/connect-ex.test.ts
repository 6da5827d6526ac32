// Graded: exercise 2, connectEx on node:net. Every target is a loopback fixture.
import { once } from 'node:events';
import net from 'node:net';
import os from 'node:os';
import { closedPort, listenBlackhole } from '@netprog/testbed/fixtures';
import { activeResourcesAfterTick, addedResources } from '@netprog/testbed/leak-check';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { within } from '@netprog/testbed/timing';
import { describe, expect, it } from 'vitest';
import { connectEx } from '../exercises/connect-ex.ts';

/**
 * A listener that counts connections and reports each one's close. Other programs on this machine
 * (port scanners) may connect too: the test waits for every connection to close.
 */
async function countingServer() {
  let opened = 0;
  let closedConnections = 0;
  const accepted = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    opened += 1;
    accepted.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => {
      closedConnections += 1;
      server.emit('client-closed');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    opened: () => opened,
    closed: () => closedConnections,
    waitForClose: async () => {
      while (closedConnections < opened) {
        await within(once(server, 'client-closed'), 1_000, 'the close of your socket');
      }
    },
    [Symbol.asyncDispose]: () => {
      for (const socket of accepted) socket.destroy(); // close() would wait for them
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * What connectEx left behind after resolving: timers still pending and sockets still open or
 * connecting. A result is known once connectEx resolves; anything left running after that is a leak.
 */
async function leftBehind(before: readonly string[]): Promise<string[]> {
  const watched = /^(Timeout|TCPSocketWrap|TCPConnectWrap)$/;
  return addedResources(before, await activeResourcesAfterTick()).filter((name) =>
    watched.test(name),
  );
}

const LEFT_BEHIND =
  'still running after connectEx resolved (Timeout: a timer you never cleared; TCPSocketWrap, TCPConnectWrap: a socket you never destroyed)';

describe('connectEx', () => {
  it('resolves 0 for a listening port, and closes its socket afterwards', async () => {
    await using server = await countingServer();
    const before = await activeResourcesAfterTick();
    expect(await connectEx('127.0.0.1', server.port, 2_000)).toBe(0);
    await server.waitForClose(); // the server's end of the connection is gone too
    expect(server.opened(), 'connections the server accepted').toBeGreaterThanOrEqual(1);
    expect(server.closed()).toBe(server.opened());
    expect(await leftBehind(before), LEFT_BEHIND).toEqual([]);
  });

  it("resolves ECONNREFUSED's positive number for a closed port, at once, leaving nothing behind", async () => {
    await using closed = await closedPort();
    const before = await activeResourcesAfterTick();
    const started = performance.now();
    const result = await connectEx(closed.host, closed.port, 5_000);
    expect(result, `os.constants.errno.ECONNREFUSED is ${os.constants.errno.ECONNREFUSED}`).toBe(
      os.constants.errno.ECONNREFUSED,
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await leftBehind(before), LEFT_BEHIND).toEqual([]);
  });

  it('never rejects, even for several failures in a row', async () => {
    await using closed = await closedPort();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        connectEx(closed.host, closed.port, 2_000).catch(
          (error: unknown) => `rejected with ${String(error)}`,
        ),
      ),
    );
    expect(results).toEqual(Array(5).fill(os.constants.errno.ECONNREFUSED));
  });

  linuxOnly("testbed's blackhole is a full accept queue, whose SYNs Linux drops").it(
    "gives up after timeoutMs on a port that never answers, with EAGAIN (Python's errno for its own timeout)",
    async () => {
      await using hole = await listenBlackhole();
      const before = await activeResourcesAfterTick();
      const started = performance.now();
      const result = await within(
        connectEx(hole.host, hole.port, 100),
        3_000,
        'connectEx(…, 100) against a port that never answers',
      );
      const elapsed = performance.now() - started;
      // Python's connect_ex returns EAGAIN when settimeout() runs out; ETIMEDOUT is the kernel's
      // own answer after minutes of SYN retries.
      expect(result, `os.constants.errno.EAGAIN is ${os.constants.errno.EAGAIN}`).toBe(
        os.constants.errno.EAGAIN,
      );
      // A timer never fires early: a connectEx that did not wait for it answers in a few ms.
      expect(elapsed).toBeGreaterThanOrEqual(95);
      expect(elapsed).toBeLessThan(1_500);
      // Giving up means stopping the attempt, not just answering: no socket may go on connecting.
      expect(await leftBehind(before), LEFT_BEHIND).toEqual([]);
    },
  );
});
