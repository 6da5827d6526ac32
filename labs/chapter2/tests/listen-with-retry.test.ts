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

  it('retries on EADDRINUSE, awaiting onRetry, and wins the port on its last attempt', async () => {
    const held = await holdPort();
    const seen: Array<[number, string | undefined]> = [];
    const result = await keep(
      listenWithRetry({
        host: '127.0.0.1',
        port: held.port,
        attempts: 3,
        delayMs: 1,
        onRetry: async (attempt, error) => {
          seen.push([attempt, error.code]);
          if (attempt === 2) {
            // A slow onRetry (30 ms, longer than delayMs): the third attempt must wait for it.
            await new Promise((resolve) => setTimeout(resolve, 30));
            await held.release(); // the grader lets go of the port after the second failure
          }
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
    const retriedAt: number[] = [];
    const delayMs = 50;
    const failure = listenWithRetry({
      host: '127.0.0.1',
      port: held.port,
      attempts: 3,
      delayMs,
      onRetry: (attempt) => {
        retries.push(attempt);
        retriedAt.push(performance.now());
      },
    });
    await expect(failure).rejects.toMatchObject({ code: 'EADDRINUSE', port: held.port });
    expect(retries).toEqual([1, 2]);
    // Between the first and second onRetry: a wait of delayMs, then an attempt. (Timers never
    // fire early by more than the event loop's clock granularity; 0.8 leaves room for it.)
    const gap = (retriedAt[1] ?? 0) - (retriedAt[0] ?? 0);
    expect(gap, `ms between onRetry(1) and onRetry(2) with delayMs ${delayMs}`).toBeGreaterThan(
      delayMs * 0.8,
    );
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

  it('does not wait after the last attempt: gives up, or falls back, at once', async () => {
    const held = await holdPort();
    const started = performance.now();
    const failure = listenWithRetry({
      host: '127.0.0.1',
      port: held.port,
      attempts: 1,
      delayMs: 3_000,
    });
    await expect(
      within(failure, 1_500, 'the rejection after the only attempt'),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    const fallback = await keep(
      within(
        listenWithRetry({
          host: '127.0.0.1',
          port: held.port,
          attempts: 1,
          delayMs: 3_000,
          fallbackToEphemeral: true,
        }),
        1_500,
        'the fallback after the only attempt',
      ),
    );
    expect(fallback).toMatchObject({ attempts: 2, fellBack: true });
    // A wait of delayMs (3 s) after the last failure would have shown here.
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('refuses attempts below 1 with a RangeError naming the value, without listening', async () => {
    const before = await activeResourcesAfterTick();
    const failure = listenWithRetry({ host: '127.0.0.1', port: 0, attempts: 0, delayMs: 10 });
    await expect(failure).rejects.toThrow(RangeError);
    await expect(failure).rejects.toThrow(/\b0\b/);
    const servers = addedResources(before, await activeResourcesAfterTick()).filter(
      (name) => name === 'TCPServerWrap',
    );
    expect(servers, 'a server is listening after attempts: 0').toEqual([]);
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
