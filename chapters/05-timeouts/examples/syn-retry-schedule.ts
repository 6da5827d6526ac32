// Run: pnpm tsx chapters/05-timeouts/examples/syn-retry-schedule.ts [--wait-for-the-kernel]
//
// How long does the OS itself wait for an unanswered connect? This reads the Linux sysctls and
// prints when each SYN is resent and when connect() fails with ETIMEDOUT (off Linux it says it
// cannot read them, and prints Linux's default). With --wait-for-the-kernel it also measures it
// for real against a local blackhole, with no timeout of ours (Linux only): that takes about two
// minutes, so no test runs it.
import net from 'node:net';
import { loadavg, release } from 'node:os';
import { defineCommand, runMain } from '@netprog/cli';
import { listenBlackhole } from '@netprog/testbed';
import { isLinux, linuxOnlyReason, onLinuxOrSay } from '@netprog/testbed/linux-only';
import { since } from '../src/since.ts';
import { readSynRetrySettings, synRetrySchedule } from '../src/syn-retries.ts';

const command = defineCommand({
  name: 'syn-retry-schedule.ts',
  options: { 'wait-for-the-kernel': { type: 'boolean' } },
});

runMain(async () => {
  const { 'wait-for-the-kernel': measure } = command.parse();
  const settings = isLinux ? await readSynRetrySettings() : null;
  if (settings === null) {
    const missing =
      linuxOnlyReason("this machine's SYN settings", 'they are read from /proc/sys/net/ipv4') ??
      "this machine's SYN settings: no /proc/sys/net/ipv4 here";
    console.log(`${missing}; the schedule below is the Linux default.`);
  } else {
    console.log(
      `This machine (Linux ${release()}): net.ipv4.tcp_syn_retries = ${settings.synRetries}, ` +
        `net.ipv4.tcp_syn_linear_timeouts = ${settings.linearTimeouts}`,
    );
  }
  const used = settings ?? { synRetries: 6, linearTimeouts: 0 };
  const { sendsAtMs, giveUpAtMs } = synRetrySchedule(used);
  console.log('\nSYN  sent at   gap before it');
  sendsAtMs.forEach((at, i) => {
    const gap = i === 0 ? '-' : `${(at - (sendsAtMs[i - 1] ?? 0)) / 1000} s`;
    console.log(`${String(i + 1).padStart(3)}  ${`${at / 1000} s`.padStart(7)}   ${gap}`);
  });
  console.log(`connect() fails with ETIMEDOUT at ${giveUpAtMs / 1000} s.`);
  const classic = synRetrySchedule({ synRetries: 6, linearTimeouts: 0 }).giveUpAtMs / 1000;
  console.log(
    `(Classic default, 6 retries without linear timeouts: ${classic} s. macOS: about 75 s, net.inet.tcp.keepinit.)`,
  );

  if (!measure) return;
  if (!onLinuxOrSay('the measurement', "the blackhole's SYNs are dropped by Linux")) return;
  await using hole = await listenBlackhole();
  // Timers run late on a busy machine, so the load goes into the record too.
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  console.log(`\nMeasuring: connect to ${hole.host}:${hole.port} with no timeout of ours...`);
  console.log(`  load average (1, 5, 15 min) before: ${load}`);
  const started = performance.now();
  const socket = net.connect({ host: hole.host, port: hole.port });
  const error = await new Promise<NodeJS.ErrnoException>((resolve) =>
    socket.once('error', resolve),
  );
  console.log(
    `  ${error.code} after ${(since(started) / 1000).toFixed(1)} s (expected ${giveUpAtMs / 1000} s)`,
  );
});
