// Graded: exercise 2, connectEx on node:net. Every target is a loopback fixture.
import { once } from 'node:events';
import net from 'node:net';
import os from 'node:os';
import { closedPort, listenBlackhole } from '@netprog/testbed/fixtures';
import { describe, expect, it } from 'vitest';
import { connectEx } from '../exercises/connect-ex.ts';

/** A listener that counts connections and reports each one's close. */
async function countingServer() {
  let opened = 0;
  let closedConnections = 0;
  const server = net.createServer((socket) => {
    opened += 1;
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
    waitForClose: () =>
      closedConnections > 0
        ? Promise.resolve()
        : Promise.race([
            once(server, 'client-closed'),
            new Promise((_, reject) =>
              setTimeout(() => reject(new Error('your socket was never closed')), 1_000),
            ),
          ]),
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('connectEx', () => {
  it('resolves 0 for a listening port, and closes its socket afterwards', async () => {
    await using server = await countingServer();
    expect(await connectEx('127.0.0.1', server.port, 2_000)).toBe(0);
    await server.waitForClose();
    expect(server.opened()).toBe(1);
    expect(server.closed()).toBe(1);
  });

  it("resolves ECONNREFUSED's positive number for a closed port, at once", async () => {
    await using closed = await closedPort();
    const started = performance.now();
    const result = await connectEx(closed.host, closed.port, 5_000);
    expect(result).toBe(os.constants.errno.ECONNREFUSED);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('never rejects, even for several failures in a row', async () => {
    await using closed = await closedPort();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => connectEx(closed.host, closed.port, 2_000)),
    );
    expect(results).toEqual(Array(5).fill(os.constants.errno.ECONNREFUSED));
  });

  it.runIf(process.platform === 'linux')(
    'gives up after timeoutMs on a port that never answers, with ETIMEDOUT',
    async () => {
      await using hole = await listenBlackhole();
      const started = performance.now();
      const result = await connectEx(hole.host, hole.port, 200);
      const elapsed = performance.now() - started;
      expect(result).toBe(os.constants.errno.ETIMEDOUT);
      expect(elapsed).toBeGreaterThanOrEqual(190);
      expect(elapsed).toBeLessThan(1_500);
    },
  );
});
