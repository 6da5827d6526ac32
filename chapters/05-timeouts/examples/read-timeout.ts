// Run: pnpm tsx chapters/05-timeouts/examples/read-timeout.ts [--limit-ms 500]
//
// Read timeouts against local servers: one that accepts and then says nothing (testbed's
// recorder), and one that trickles a byte every 100 ms. An idle timeout catches the first; only a
// whole-read deadline catches the second.
import { defineCommand, runMain } from '@netprog/cli';
import { connectTcp, listenHttp, listenRecorder } from '@netprog/testbed';
import { readExactly, recvWithTimeout } from '../src/read-timeout.ts';
import { since } from '../src/since.ts';

const command = defineCommand({
  name: 'read-timeout.ts',
  options: { 'limit-ms': { type: 'integer', min: 1, max: 600_000, default: 500 } },
});

/** Runs `read` and prints how it ended and when, against the limit it was given. */
async function report(label: string, limit: string, read: () => Promise<Buffer>): Promise<void> {
  const started = performance.now();
  try {
    const bytes = await read();
    console.log(`  ${label}: got ${bytes.length} bytes after ${since(started)} ms (${limit})`);
  } catch (error) {
    const { code, name } = error as NodeJS.ErrnoException;
    console.log(`  ${label}: ${name} ${code} after ${since(started)} ms (${limit})`);
  }
}

runMain(async () => {
  const { 'limit-ms': limitMs } = command.parse();

  console.log('1. A server that accepts and stays silent:');
  await using silent = await listenRecorder();
  const quiet = await connectTcp(silent.port);
  await report(`recvWithTimeout(socket, ${limitMs})`, `limit ${limitMs} ms`, () =>
    recvWithTimeout(quiet, limitMs),
  );
  console.log(
    `  after the timeout the socket is still open (destroyed=${quiet.destroyed}); we close it`,
  );
  quiet.destroy();

  console.log('\n2. A server that sends one byte every 100 ms (40 bytes in all):');
  await using trickle = await listenHttp({
    rawResponse: 'x'.repeat(40),
    dribble: true,
    dribbleIntervalMs: 100,
  });
  const slow = await connectTcp(trickle.port);
  slow.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  await report('readExactly 10 bytes', 'idle limit 500 ms', () =>
    readExactly(slow, 10, { idleTimeoutMs: 500 }),
  );
  await report('readExactly 30 more', 'deadline 1500 ms; idle limit 500 ms', () =>
    readExactly(slow, 30, { idleTimeoutMs: 500, deadlineMs: 1500 }),
  );
  console.log('  the idle timer never fired: bytes kept coming, just too slowly');
  slow.destroy();
});
