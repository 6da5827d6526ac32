// Run: pnpm tsx chapters/05-timeouts/examples/connect-timeout.ts [host port] [--limit-ms 500]
//
// A connect timeout against a port that never answers. With no target it starts testbed's
// blackhole: a listener whose accept queue is full, so the kernel silently drops our SYNs, exactly
// like a firewalled port. Without a timeout of our own, Linux would wait about two minutes.
import { isIP } from 'node:net';
import { defineCommand, EXIT_FAILURE, runMain, UsageError } from '@netprog/cli';
import type { SockAddr } from '@netprog/socket-core';
import { listenBlackhole } from '@netprog/testbed';
import { connectWithTimeout } from '../src/connect-with-timeout.ts';
import { openTcpSockets } from '../src/open-handles.ts';
import { since } from '../src/since.ts';
import { readSynRetrySettings, synRetrySchedule } from '../src/syn-retries.ts';

const command = defineCommand({
  name: 'connect-timeout.ts',
  positionals: [
    // An IP address: this chapter is about timeouts, not name resolution.
    { name: 'host', type: 'string' },
    { name: 'port', type: 'integer', min: 1, max: 65_535 },
  ],
  options: { 'limit-ms': { type: 'integer', min: 1, max: 600_000, default: 500 } },
});

runMain(async () => {
  const { host, port, 'limit-ms': limitMs } = command.parse();
  if ((host === undefined) !== (port === undefined)) {
    throw new UsageError(
      'give both host and port (e.g. 127.0.0.1 8080), or neither to use a local blackhole',
    );
  }
  if (host !== undefined && isIP(host) === 0) {
    throw new UsageError(
      `host must be an IP address such as 127.0.0.1, got ${JSON.stringify(host)}`,
    );
  }
  await using hole = host === undefined ? await listenBlackhole() : undefined;
  const address: SockAddr = hole ? hole.address : [host ?? '', port ?? 0];
  const target = `${address[0]}:${address[1]}`;
  console.log(
    hole
      ? `Target: ${target}, a local listener that never accepts (SYNs are dropped)`
      : `Target: ${target}`,
  );

  const settings = await readSynRetrySettings();
  if (settings) {
    const os = synRetrySchedule(settings);
    console.log(
      `Without a limit, this Linux would give up after about ${os.giveUpAtMs / 1000} s ` +
        `(tcp_syn_retries=${settings.synRetries}, tcp_syn_linear_timeouts=${settings.linearTimeouts}).`,
    );
  } else {
    console.log('Without a limit, the OS decides (about 75 s on macOS, about 2 min on Linux).');
  }

  console.log(`\nconnectWithTimeout(['${address[0]}', ${address[1]}], ${limitMs}):`);
  const socketsBefore = await openTcpSockets();
  const started = performance.now();
  let outcome: string;
  try {
    const socket = await connectWithTimeout(address, limitMs);
    console.log(`  connected after ${since(started)} ms: something does answer there`);
    socket.destroy();
    outcome = 'connected';
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    console.log(`  failed after ${since(started)} ms (limit ${limitMs} ms): ${code}`);
    console.log(`  message: ${message}`);
    outcome = code ?? 'failed';
  }
  const leaked = (await openTcpSockets()) - socketsBefore;
  console.log(`  sockets left open by the attempt: ${leaked}`);
  // The exit code says whether the program did what it set out to: connect to the target the
  // user gave, or, against the blackhole, show the timeout firing (anything else is a failure).
  if (outcome !== (hole ? 'ETIMEDOUT' : 'connected')) process.exitCode = EXIT_FAILURE;
});
