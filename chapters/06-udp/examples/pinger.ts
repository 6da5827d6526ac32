// Run: pnpm tsx chapters/06-udp/examples/pinger.ts [count] [--seed 42] [--loss 30%] [--timeout 1000] [@host:port]
//
// Kurose & Ross's UDP pinger: numbered pings, one at a time, each waiting at most --timeout ms
// (one second, as in the lab) for its reply, then ping's summary. Loopback never loses a datagram, so without @host:port the
// example starts a lossy echo peer whose losses come from a seeded generator: the same seed
// loses the same pings on every run, and its plan says in advance which ones.
import { defineCommand, EXIT_FAILURE } from '@netprog/cli';
import { listenLossyUdp } from '@netprog/testbed';
import { parseProbability, parseServer, runMain } from '../src/cli.ts';
import { formatResult, formatSummary, summarise } from '../src/ping-stats.ts';
import { ping } from '../src/pinger.ts';

const command = defineCommand({
  name: 'pinger.ts',
  positionals: [
    { name: 'count', type: 'integer', min: 1, max: 1_000 }, // default 10
    // As dig writes a server: anywhere on the line, @IP or @IP:port (default: a lossy local peer).
    { name: 'server', type: 'string', marker: '@', placeholder: '@host:port' },
  ],
  options: {
    seed: { type: 'integer', min: 0, max: 2 ** 32 - 1, default: 42 },
    loss: { type: 'string', default: '30%', placeholder: 'P' }, // 0.3 or 30%: parseProbability
    timeout: { type: 'integer', min: 1, max: 10_000, default: 1_000, placeholder: 'MS' },
  },
});

runMain(async () => {
  const args = command.parse();
  const { count = 10, server, seed, timeout: timeoutMs } = args;
  const loss = parseProbability(args.loss, '--loss');

  // #region run
  // Without a server, start the lossy peer and show its plan.
  await using peer = server === undefined ? await listenLossyUdp({ seed, loss }) : undefined;
  const target = server === undefined ? peer?.address : parseServer(server, 7);
  if (target === undefined) throw new Error('unreachable: no target');
  const name = `${target[0]}:${target[1]}`;
  if (peer !== undefined) {
    const drops = peer
      .plan(count)
      .filter((d) => d.drop)
      .map((d) => `#${d.index + 1}`);
    console.log(
      `lossy UDP echo peer on ${name}: seed ${seed}, loss ${Math.round(loss * 1000) / 10}%`,
    );
    console.log(`  its plan for the first ${count} datagrams: drop ${drops.join(', ') || 'none'}`);
  }

  console.log(
    `PING ${name} over UDP: ${count} pings, each waits at most ${timeoutMs} ms for its reply`,
  );
  const results = await ping(target, {
    count,
    timeoutMs,
    onResult: (result) => console.log(formatResult(result, name)),
  });
  const summary = summarise(results);
  console.log(formatSummary(summary, name));
  if (peer !== undefined) {
    const { received, dropped, echoed } = peer.stats;
    console.log(`the peer's own count: received ${received}, dropped ${dropped}, echoed ${echoed}`);
  }
  // #endregion run
  // As ping does: no reply at all means the peer could not be reached.
  if (summary.received === 0) process.exitCode = EXIT_FAILURE;
});
