import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';
import { activeResourcesAfterTick, addedResources } from '@netprog/testbed/leak-check';
import { afterEach, describe, expect, it } from 'vitest';
import { type ListenResult, listenWithRetry } from '../exercises/listen-with-retry.ts';
import { closeServer, track, within } from './support.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The grader holds a port (got from port 0) so that the student's listen meets EADDRINUSE. */
async function holdPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const server = createServer();
  const connections = track(server);
  const release = () => closeServer(server, connections);
  cleanups.push(release);
  server.listen({ host: '127.0.0.1', port: 0 });
  await within(once(server, 'listening'), 2_000, 'listen on 127.0.0.1');
  return { port: (server.address() as { port: number }).port, release };
}

/** Takes charge of the student's server: closed after the test, strangers' resets ignored. */
async function keep(result: Promise<ListenResult>): Promise<ListenResult> {
  const done = await result;
  const connections = track(done.server);
  cleanups.push(() => closeServer(done.server, connections));
  return done;
}

/** Proves a server really listens there: a client connects within 2 s. */
async function connects(port: number): Promise<void> {
  const client = createConnection({ host: '127.0.0.1', port });
  try {
    await within(once(client, 'connect'), 2_000, `connect to 127.0.0.1:${port}`);
  } finally {
    client.destroy();
  }
}

describe('listenWithRetry', () => {
  it('listens at once on a free port, reporting the port it got for port 0', async () => {
    const result = await keep(
      listenWithRetry({ host: '127.0.0.1', port: 0, attempts: 3, delayMs: 10 }),
    );
    expect(result.attempts).toBe(1);
    expect(result.fellBack).toBe(false);
    expect(result.port).toBeGreaterThan(0);
    expect(result.port).toBe((result.server.address() as { port: number }).port);
    await connects(result.port);
  });

  it('retries on EADDRINUSE and gets the same port once it is released', async () => {
    const held = await holdPort();
    const seen: Array<[number, string | undefined]> = [];
    const result = await keep(
      listenWithRetry({
        host: '127.0.0.1',
        port: held.port,
        attempts: 5,
        delayMs: 10,
        onRetry: async (attempt, error) => {
          seen.push([attempt, error.code]);
          // The grader lets go of the port after the second failure.
          if (attempt === 2) await held.release();
        },
      }),
    );
    expect(seen).toEqual([
      [1, 'EADDRINUSE'],
      [2, 'EADDRINUSE'],
    ]);
    expect(result).toMatchObject({ port: held.port, attempts: 3, fellBack: false });
    await connects(result.port);
  });

  it('gives up after the last attempt with the EADDRINUSE error, leaving nothing listening', async () => {
    const held = await holdPort();
    const before = await activeResourcesAfterTick();
    const retries: number[] = [];
    const failure = listenWithRetry({
      host: '127.0.0.1',
      port: held.port,
      attempts: 3,
      delayMs: 5,
      onRetry: (attempt) => {
        retries.push(attempt);
      },
    });
    await expect(failure).rejects.toMatchObject({ code: 'EADDRINUSE', port: held.port });
    expect(retries).toEqual([1, 2]);
    const servers = addedResources(before, await activeResourcesAfterTick()).filter(
      (name) => name === 'TCPServerWrap',
    );
    expect(servers, 'a server is still listening after the last attempt failed').toEqual([]);
  });

  it('falls back to an ephemeral port when asked, and says so', async () => {
    const held = await holdPort();
    const result = await keep(
      listenWithRetry({
        host: '127.0.0.1',
        port: held.port,
        attempts: 2,
        delayMs: 5,
        fallbackToEphemeral: true,
      }),
    );
    expect(result.fellBack).toBe(true);
    expect(result.attempts).toBe(3);
    expect(result.port).not.toBe(held.port);
    expect(result.port).toBe((result.server.address() as { port: number }).port);
    await connects(result.port);
  });

  it('does not retry errors that waiting cannot fix', async () => {
    // An address this machine does not have gives EADDRNOTAVAIL, and waiting will not change
    // that. 198.51.100.7 is a documentation address (RFC 5737): never assigned to a real host.
    // Binding it sends nothing anywhere; the kernel refuses at once.
    const retries: number[] = [];
    const started = performance.now();
    const failure = listenWithRetry({
      host: '198.51.100.7',
      port: 0,
      attempts: 3,
      delayMs: 2_000,
      onRetry: (attempt) => {
        retries.push(attempt);
      },
    });
    await expect(failure).rejects.toMatchObject({ code: 'EADDRNOTAVAIL' });
    expect(retries).toEqual([]);
    // A single silent retry would have waited 2 s.
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
