// Run: pnpm tsx chapters/03-client/test/bench/scan-vs-nmap.ts [runs]
//
// The measurement behind the chapter's nmap comparison: a full 1-65535 connect scan of 127.0.0.1
// by `nmap -sT -p- -n -Pn` and by examples/port-scan.ts (fast with each engine, and --simple), interleaved in the
// same run so that both see the same machine load. Prints every run and the medians, and checks
// that every tool found the same open ports. Needs nmap (Debian: apt-get install -y nmap).
// Ports that are already listening when it starts (other programs' services) are excluded from
// every scan, so the only open ports are the three this script opens.
import { execFile } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { listenOpenPorts } from '@netprog/testbed';
import { formatPortSpec } from '../../src/port-spec.ts';
import { listeningPorts } from '../helpers/listening-ports.ts';

interface Run {
  tool: string;
  wallMs: number;
  /** User + system CPU time of the whole process (from /usr/bin/time). */
  cpuMs: number;
  /** The scan time the tool itself reports (without process start-up). */
  scanMs: number;
  open: number[];
}

const runs = Number(process.argv[2] ?? 5);
const example = fileURLToPath(new URL('../../examples/port-scan.ts', import.meta.url));

/** Runs a command under /usr/bin/time, which reports the CPU time it used on stderr. */
function run(
  command: string,
  args: string[],
): Promise<{ stdout: string; wallMs: number; cpuMs: number }> {
  const started = performance.now();
  const timed = ['-f', 'CPU %U %S', command, ...args];
  return new Promise((resolve, reject) => {
    execFile(
      '/usr/bin/time',
      timed,
      { timeout: 120_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const wallMs = performance.now() - started;
        const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
        if (error || cpu === null)
          reject(new Error(`${command} failed: ${error?.message}\n${stderr}`));
        else resolve({ stdout, wallMs, cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000 });
      },
    );
  });
}

async function nmap(exclude: string): Promise<Run> {
  const args = ['-sT', '-p-', '-n', '-Pn', '-oG', '-', '127.0.0.1'];
  if (exclude !== '') args.splice(2, 0, '--exclude-ports', exclude);
  const { stdout, wallMs, cpuMs } = await run('nmap', args);
  const open = [...stdout.matchAll(/(\d+)\/open\/tcp/g)].map((m) => Number(m[1]));
  const scanMs = Number(/scanned in ([\d.]+) seconds/.exec(stdout)?.[1] ?? Number.NaN) * 1000;
  return { tool: 'nmap -sT', wallMs, cpuMs, scanMs, open };
}

type Variant = 'fast' | 'fast-net' | 'simple';
const LABELS: Record<Variant, string> = {
  fast: 'port-scan.ts (fast)',
  'fast-net': 'port-scan.ts --engine net',
  simple: 'port-scan.ts --simple',
};

async function portScan(exclude: string, variant: Variant): Promise<Run> {
  const args = ['--import', 'tsx', example, '127.0.0.1', '1-65535'];
  if (exclude !== '') args.push('--exclude-ports', exclude);
  if (variant === 'simple') args.push('--simple');
  if (variant === 'fast-net') args.push('--engine', 'net');
  const { stdout, wallMs, cpuMs } = await run(process.execPath, args);
  const open = [...stdout.matchAll(/:(\d+) open/g)].map((m) => Number(m[1]));
  const scanMs = Number(/ in (\d+) ms/.exec(stdout)?.[1] ?? Number.NaN);
  return { tool: LABELS[variant], wallMs, cpuMs, scanMs, open };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const foreign = await listeningPorts();
await using ours = await listenOpenPorts(3);
const exclude = formatPortSpec(foreign);
console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), node ${process.version}`,
);
console.log(`our listeners: ${ours.ports.join(', ')}; excluded (not ours): ${exclude || 'none'}\n`);

const results: Run[] = [];
for (let i = 0; i < runs; i++) {
  // Alternate the order so that neither tool always runs right after the other.
  const order: Array<Variant | 'nmap'> = ['nmap', 'fast', 'fast-net', 'simple'];
  if (i % 2 === 1) order.reverse();
  for (const which of order) {
    const result = which === 'nmap' ? await nmap(exclude) : await portScan(exclude, which);
    results.push(result);
    console.log(
      `run ${i + 1} ${result.tool.padEnd(26)} wall ${result.wallMs.toFixed(0).padStart(5)} ms, ` +
        `scan ${result.scanMs.toFixed(0).padStart(5)} ms, cpu ${result.cpuMs.toFixed(0).padStart(5)} ms, ` +
        `open ${result.open.join(',')}`,
    );
  }
}

const ms = (value: number): string => `${value.toFixed(0).padStart(5)} ms`;
console.log('\nmedians:');
for (const tool of [...new Set(results.map((r) => r.tool))]) {
  const mine = results.filter((r) => r.tool === tool);
  const foundOurs = mine.every((r) => ours.ports.every((p) => r.open.includes(p)));
  const wall = ms(median(mine.map((r) => r.wallMs)));
  const scan = ms(median(mine.map((r) => r.scanMs)));
  const cpu = ms(median(mine.map((r) => r.cpuMs)));
  console.log(
    `  ${tool.padEnd(26)} wall ${wall}, scan ${scan}, cpu ${cpu}` +
      `  (found our ${ours.ports.length} ports every time: ${foundOurs ? 'yes' : 'NO'})`,
  );
}
// Other programs' listeners that came and went during the runs show up in some scans.
const others = [...new Set(results.flatMap((r) => r.open))].filter((p) => !ours.ports.includes(p));
console.log(`other listeners seen during the runs: ${others.join(', ') || 'none'}`);
console.log(
  `load average: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
