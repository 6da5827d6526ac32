// Run: pnpm tsx packages/testbed/bench/echo-throughput.ts
// How fast bytes go through listenEcho(): the cost of recording its wire transcript shows here.
// It pushes 64 MiB through one connection in 64 KiB writes (reading the echo back as it comes),
// five times, and prints the median rate and the median CPU time per MiB (client and echo run in
// this one process). A busy machine lowers the rate more than it raises the CPU time, so on a
// shared machine compare CPU times of runs made one after the other, and say what else ran.
import net from 'node:net';
import { listenEcho } from '../src/fixtures/echo.ts';

const TOTAL = 64 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');
const RUNS = 5;

/** Sends TOTAL bytes through the echo; resolves with the seconds and CPU seconds it took. */
async function oneRun(port: number): Promise<{ seconds: number; cpuSeconds: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', (error) => {
    throw error;
  });
  let received = 0;
  const done = new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received >= TOTAL) resolve();
    });
  });
  let sent = 0;
  const pump = (): void => {
    while (sent < TOTAL) {
      sent += CHUNK.length;
      if (!socket.write(CHUNK)) return;
    }
  };
  socket.on('drain', pump);
  socket.once('connect', pump);
  await done;
  socket.destroy();
  const used = process.cpuUsage(cpu);
  return {
    seconds: (performance.now() - started) / 1_000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

const median = (values: number[]): number => values.sort((a, b) => a - b)[values.length >> 1] ?? 0;
const MIB = TOTAL / 1024 / 1024;
await using echo = await listenEcho();
const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await oneRun(echo.port));
const rate = median(runs.map((r) => MIB / r.seconds));
const cpuPerMib = median(runs.map((r) => (r.cpuSeconds * 1e6) / MIB));
console.log(`echo: median ${rate.toFixed(0)} MiB/s, ${cpuPerMib.toFixed(0)} µs of CPU per MiB`);
