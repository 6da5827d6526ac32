// Run: pnpm tsx chapters/05-timeouts/examples/retry-late-server.ts
//
// Retrying with exponential backoff, equal jitter and a total deadline:
// 1. against a local server that starts listening 900 ms late (ECONNREFUSED until then);
// 2. against a port that never answers, where the total deadline ends it.
// The jitter comes from a seeded generator (testbed's mulberry32) so every run prints the same
// schedule; real code uses
// Math.random (the default), so that clients which failed together do not retry together.
import { once } from 'node:events';
import net from 'node:net';
import { defineCommand, runMain } from '@netprog/cli';
import { listenBlackhole, mulberry32 } from '@netprog/testbed';
import { connectWithTimeout } from '../src/connect-with-timeout.ts';
import { type RetryOptions, retry } from '../src/retry.ts';
import { since } from '../src/since.ts';

const SERVER_DELAY_MS = 900;
const TRY_LIMIT_MS = 300;
// Run 2: the third try starts about 1,424 ms in (two 600 ms tries, waits of 80 and 144 ms) and
// the deadline cuts it short at 2,000 ms. The 576 ms between are the room a busy machine has to
// run late before the third try would no longer fit and the run would end after two.
const BLACKHOLE_TRY_MS = 600;
const BLACKHOLE_DEADLINE_MS = 2_000;

/** Asks the kernel for a free port, then frees it, so the late server can take it later. */
async function reservePort(): Promise<number> {
  const probe = net.createServer().listen({ host: '127.0.0.1', port: 0 });
  await once(probe, 'listening');
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  // Honest caveat: until the late server listens, another process could take this port. On a
  // loopback test machine that is a one-in-many-thousands coincidence; the listen would then fail
  // with EADDRINUSE and this example would say so.
  return port;
}

/** The backoff every run below uses. */
function options(started: number, deadlineMs: number): RetryOptions {
  return {
    attempts: 8,
    baseMs: 100,
    maxMs: 1_000,
    jitter: 'equal',
    deadlineMs,
    random: mulberry32(42),
    onRetry: ({ attempt, error, delayMs }) =>
      console.log(
        `  attempt ${attempt} failed at ${since(started)} ms: ${(error as NodeJS.ErrnoException).code}; waiting ${delayMs} ms`,
      ),
  };
}

// No arguments: it starts every server it needs on loopback.
const command = defineCommand({ name: 'retry-late-server.ts' });

runMain(async () => {
  command.parse();
  // #region runs
  const port = await reservePort();
  console.log(
    `1. A server on 127.0.0.1:${port} that starts ${SERVER_DELAY_MS} ms late; deadline 3000 ms`,
  );
  const server = net.createServer((socket) => socket.end());
  const started = performance.now();
  const late = setTimeout(() => {
    server.listen({ host: '127.0.0.1', port });
    console.log(`  (server listening at ${since(started)} ms)`);
  }, SERVER_DELAY_MS);
  try {
    // #region retry-connect
    const socket = await retry(
      (_attempt, signal) => connectWithTimeout(['127.0.0.1', port], TRY_LIMIT_MS, { signal }),
      options(started, 3_000),
    );
    // #endregion retry-connect
    console.log(`  connected at ${since(started)} ms`);
    socket.destroy();
  } finally {
    clearTimeout(late);
    await new Promise((resolve) => server.close(resolve));
  }

  await using hole = await listenBlackhole();
  console.log(
    `\n2. A port that never answers; each try ${BLACKHOLE_TRY_MS} ms, deadline ${BLACKHOLE_DEADLINE_MS} ms`,
  );
  const started2 = performance.now();
  try {
    await retry(
      (_attempt, signal) => connectWithTimeout(hole.address, BLACKHOLE_TRY_MS, { signal }),
      options(started2, BLACKHOLE_DEADLINE_MS),
    );
  } catch (error) {
    const { name, reason, attempts } = error as { name: string; reason: string; attempts: number };
    console.log(
      `  ${name} (${reason}, ${attempts} attempts) after ${since(started2)} ms (deadline ${BLACKHOLE_DEADLINE_MS} ms)`,
    );
  }
  // #endregion runs
});
