// Run: pnpm tsx chapters/06-udp/examples/pinger.ts [count] [--seed 42] [--loss 30%] [--timeout 1000] [@host:port]
//
// Kurose & Ross's UDP pinger: numbered pings, one at a time, each waiting at most --timeout ms
// (one second, as in the lab) for its reply, then ping's summary. Loopback never loses a datagram, so without @host:port the
// example starts a lossy echo peer whose losses come from a seeded generator: the same seed
// loses the same pings on every run, and its plan says in advance which ones.
import { listenLossyUdp } from '@netprog/testbed';
import {
  parseCommandLine,
  parseInteger,
  parseProbability,
  parseServer,
  runMain,
  UsageError,
} from '../src/cli.ts';
import { formatResult, formatSummary, summarise } from '../src/ping-stats.ts';
import { ping } from '../src/pinger.ts';

const USAGE = 'pinger.ts [count] [--seed 42] [--loss 30%] [--timeout 1000] [@host:port]';

runMain(async () => {
  const { values, positionals } = parseCommandLine(
    process.argv.slice(2),
    { seed: { type: 'string' }, loss: { type: 'string' }, timeout: { type: 'string' } },
    USAGE,
  );
  const server = positionals.find((arg) => arg.startsWith('@'));
  const rest = positionals.filter((arg) => arg !== server);
  if (rest.length > 1)
    throw new UsageError(`expected at most one count, got ${rest.join(' ')}; usage: ${USAGE}`);
  const count = rest[0] === undefined ? 10 : parseInteger(rest[0], 'count', 1, 1_000);
  const timeoutMs = parseInteger(String(values.timeout ?? '1000'), '--timeout', 1, 10_000);
  const seed = parseInteger(String(values.seed ?? '42'), '--seed', 0, 2 ** 32 - 1);
  const loss = parseProbability(String(values.loss ?? '30%'), '--loss');

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
  console.log(formatSummary(summarise(results), name));
  if (peer !== undefined) {
    const { received, dropped, echoed } = peer.stats;
    console.log(`the peer's own count: received ${received}, dropped ${dropped}, echoed ${echoed}`);
  }
  // #endregion run
});
