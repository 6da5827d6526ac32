// Run: pnpm tsx chapters/05-timeouts/examples/connect-timeout.ts [host port] [--limit-ms 500]
//
// A connect timeout against a port that never answers. With no target it starts testbed's
// blackhole: a listener whose accept queue is full, so the kernel silently drops our SYNs, exactly
// like a firewalled port. Without a timeout of our own, Linux would wait about two minutes.
import { listenBlackhole } from '@netprog/testbed';
import { parseAddress, parseMs, runMain, since, UsageError } from '../src/cli.ts';
import { connectWithTimeout } from '../src/connect-with-timeout.ts';
import { openTcpSockets } from '../src/open-handles.ts';
import { readSynRetrySettings, synRetrySchedule } from '../src/syn-retries.ts';

runMain(async () => {
  const args = process.argv.slice(2);
  let limitMs = 500;
  const flag = args.indexOf('--limit-ms');
  if (flag !== -1) {
    limitMs = parseMs(args[flag + 1] ?? '', '--limit-ms');
    args.splice(flag, 2);
  }
  if (args.length !== 0 && args.length !== 2) {
    throw new UsageError(
      'give both host and port (e.g. 127.0.0.1 8080), or neither to use a local blackhole',
    );
  }
  await using hole = args.length === 0 ? await listenBlackhole() : undefined;
  const address = hole ? hole.address : parseAddress(args[0] ?? '', args[1] ?? '');
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
  try {
    const socket = await connectWithTimeout(address, limitMs);
    console.log(`  connected after ${since(started)} ms: something does answer there`);
    socket.destroy();
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    console.log(`  failed after ${since(started)} ms (limit ${limitMs} ms): ${code}`);
    console.log(`  message: ${message}`);
  }
  const leaked = (await openTcpSockets()) - socketsBefore;
  console.log(`  sockets left open by the attempt: ${leaked}`);
});
