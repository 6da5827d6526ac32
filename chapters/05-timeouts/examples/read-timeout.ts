// Run: pnpm tsx chapters/05-timeouts/examples/read-timeout.ts [--limit-ms 500]
//
// Read timeouts against local servers: one that accepts and then says nothing (testbed's
// recorder), and one that trickles a byte every 100 ms. An idle timeout catches the first; only a
// whole-read deadline catches the second.
import { connectTcp, listenHttp, listenRecorder } from '@netprog/testbed';
import { parseMs, runMain, since, UsageError } from '../src/cli.ts';
import { readExactly, recvWithTimeout } from '../src/read-timeout.ts';

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
  const args = process.argv.slice(2);
  if (args.length !== 0 && (args.length !== 2 || args[0] !== '--limit-ms')) {
    throw new UsageError('usage: read-timeout.ts [--limit-ms N]');
  }
  const limitMs = args.length === 2 ? parseMs(args[1] ?? '', '--limit-ms') : 500;

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
  await report('readExactly 10 bytes', 'idle limit 250 ms', () =>
    readExactly(slow, 10, { idleTimeoutMs: 250 }),
  );
  await report('readExactly 30 more', 'deadline 1500 ms; idle limit 250 ms', () =>
    readExactly(slow, 30, { idleTimeoutMs: 250, deadlineMs: 1500 }),
  );
  console.log('  the idle timer never fired: bytes kept coming, just too slowly');
  slow.destroy();
});
