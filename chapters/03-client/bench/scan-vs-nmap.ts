// Run: pnpm --filter @netprog/ch03-client bench [--runs N] [--record]
//
// The measurement behind the chapter's nmap comparison: a full 1-65535 connect scan of 127.0.0.1
// by `nmap -sT -p- -n -Pn` and by examples/port-scan.ts (fast with each engine, and --simple),
// interleaved in the same run so that every tool sees the same machine load. Prints every run and
// the medians, and checks that every run of every tool found the same open ports. --record also
// writes the table to outputs/bench-scan.txt, which the chapter embeds. Needs nmap (Debian:
// apt-get install -y nmap). Ports already listening when it starts (other programs' services)
// are excluded from every scan, so the only open ports are the three this script opens.
//
// It is a command, not a test: the numbers describe a machine, they are not a property of the code.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineCommand, parseOrExit } from '@netprog/cli';
import { describeMachine, formatTable, loadAverage, median } from '@netprog/cli/bench';
import { listenOpenPorts } from '@netprog/testbed';
import { formatPortSpec } from '../src/port-spec.ts';
import { listeningPorts } from '../test/helpers/listening-ports.ts';

interface Run {
  tool: string;
  wallMs: number;
  /** User + system CPU time of the whole process (from /usr/bin/time). */
  cpuMs: number;
  /** The scan time the tool itself reports (without process start-up). */
  scanMs: number;
  open: number[];
  /** Open ports that were other programs' listeners during the run (filled in afterwards). */
  othersOpen: number[];
}

const example = fileURLToPath(new URL('../examples/port-scan.ts', import.meta.url));
const recording = fileURLToPath(new URL('../outputs/bench-scan.txt', import.meta.url));

const benchCommand = defineCommand({
  name: 'bench',
  options: {
    runs: { type: 'integer', min: 1, max: 20, default: 5 },
    record: { type: 'boolean' },
  },
});

/** A missing tool is the user's to fix: one line on stderr and exit 2, like a bad option. */
function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

/** A busy machine slows every scanner down; a run that takes longer than this is stuck. */
const RUN_LIMIT_MS = 600_000;

/**
 * Runs a command under /usr/bin/time, which reports the CPU time it used on stderr. A run that
 * fails or outlasts RUN_LIMIT_MS ends the bench with one line (and exit 1): its times would mean
 * nothing.
 */
function run(
  command: string,
  args: string[],
): Promise<{ stdout: string; wallMs: number; cpuMs: number }> {
  const started = performance.now();
  const timed = ['-f', 'CPU %U %S', command, ...args];
  return new Promise((resolve) => {
    execFile(
      '/usr/bin/time',
      timed,
      { timeout: RUN_LIMIT_MS, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const wallMs = performance.now() - started;
        const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
        if (error === null && cpu !== null) {
          resolve({ stdout, wallMs, cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000 });
          return;
        }
        const why = error?.killed
          ? `was stopped after ${RUN_LIMIT_MS / 1000} s`
          : `failed: ${(stderr.trim().split('\n')[0] ?? '') || error?.message}`;
        process.stderr.write(
          `error: ${[command, ...args].join(' ')} ${why}; nothing is recorded\n`,
        );
        process.exit(1);
      },
    );
  });
}

/** "Nmap version 7.93 ( https://nmap.org )" -> "nmap 7.93"; undefined when nmap is missing. */
function nmapVersion(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('nmap', ['--version'], { timeout: 10_000 }, (error, stdout) => {
      const version = /Nmap version (\S+)/.exec(stdout)?.[1];
      resolve(error || version === undefined ? undefined : `nmap ${version}`);
    });
  });
}

async function nmap(exclude: string): Promise<Run> {
  const args = ['-sT', '-p-', '-n', '-Pn', '-oG', '-', '127.0.0.1'];
  if (exclude !== '') args.splice(2, 0, '--exclude-ports', exclude);
  const { stdout, wallMs, cpuMs } = await run('nmap', args);
  const open = [...stdout.matchAll(/(\d+)\/open\/tcp/g)].map((m) => Number(m[1]));
  const scanMs = Number(/scanned in ([\d.]+) seconds/.exec(stdout)?.[1] ?? Number.NaN) * 1000;
  return { tool: 'nmap -sT -p- -n -Pn', wallMs, cpuMs, scanMs, open, othersOpen: [] };
}

type Variant = 'fast' | 'fast-handles' | 'simple';
const LABELS: Record<Variant, string> = {
  fast: 'port-scan.ts (fast: net.Socket, the default)',
  'fast-handles': 'port-scan.ts --engine handles (internal TCP handles)',
  simple: 'port-scan.ts --simple (the teaching scanner, connectEx)',
};

async function portScan(exclude: string, variant: Variant): Promise<Run> {
  const args = ['--import', 'tsx', example, '127.0.0.1', '1-65535'];
  if (exclude !== '') args.push('--exclude-ports', exclude);
  if (variant === 'simple') args.push('--simple');
  if (variant === 'fast-handles') args.push('--engine', 'handles');
  const { stdout, wallMs, cpuMs } = await run(process.execPath, args);
  const open = [...stdout.matchAll(/:(\d+) open/g)].map((m) => Number(m[1]));
  const scanMs = Number(/ in (\d+) ms/.exec(stdout)?.[1] ?? Number.NaN);
  return { tool: LABELS[variant], wallMs, cpuMs, scanMs, open, othersOpen: [] };
}

/**
 * Notes every port some other program listens on until stop() (reading /proc/net/tcp every
 * 50 ms; a listener that lives shorter than that may be missed, and then fails the check).
 */
function watchListeners(ours: readonly number[]): { stop(): Promise<Set<number>> } {
  const seen = new Set<number>();
  const look = async (): Promise<void> => {
    for (const port of await listeningPorts()) if (!ours.includes(port)) seen.add(port);
  };
  let looking = look();
  const timer = setInterval(() => {
    looking = looking.then(look);
  }, 50);
  return {
    async stop() {
      clearInterval(timer);
      await looking.then(look);
      return seen;
    },
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const portList = (ports: readonly number[]): string => [...ports].sort((a, b) => a - b).join(',');

const options = parseOrExit(benchCommand, process.argv.slice(2), { prefix: 'error: ' });
const nmapTool = await nmapVersion();
if (nmapTool === undefined) {
  fail(
    'nmap is not installed. Install it with `sudo apt-get install nmap` (Debian, Ubuntu) or `brew install nmap` (macOS), then run the benchmark again.',
  );
}

const loadBefore = loadAverage();
const foreign = await listeningPorts();
await using ours = await listenOpenPorts(3);
const exclude = formatPortSpec(foreign);
console.log(`machine: ${describeMachine(nmapTool)}`);
console.log(`our listeners: ${ours.ports.join(', ')}; excluded (not ours): ${exclude || 'none'}\n`);

const results: Run[] = [];
const runLines: string[] = [];
for (let i = 0; i < options.runs; i++) {
  // Alternate the order so that no tool always runs right after the same other one.
  const order: Array<Variant | 'nmap'> = ['nmap', 'fast', 'fast-handles', 'simple'];
  if (i % 2 === 1) order.reverse();
  for (const which of order) {
    // Other programs (tests, say) may open listeners while a tool scans; what they opened is
    // theirs, not a scanner's mistake, so it is left out of the comparison below.
    const others = watchListeners(ours.ports);
    const result = which === 'nmap' ? await nmap(exclude) : await portScan(exclude, which);
    const othersListening = await others.stop();
    result.othersOpen = result.open.filter((port) => othersListening.has(port));
    results.push(result);
    const line =
      `run ${i + 1} ${result.tool.padEnd(56)} wall ${seconds(result.wallMs)}, ` +
      `scan ${seconds(result.scanMs)}, cpu ${seconds(result.cpuMs)}, open ${portList(result.open)}`;
    runLines.push(line);
    console.log(line);
  }
}
const loadAfter = loadAverage();

// Every run of every tool must find exactly our listeners, apart from other programs' ones.
const expected = portList(ours.ports);
const foundOurs = (r: Run): boolean =>
  portList(r.open.filter((port) => !r.othersOpen.includes(port))) === expected;
const othersSeen = new Set(results.flatMap((r) => r.othersOpen));
const rows = [...new Set(results.map((r) => r.tool))].map((tool) => {
  const mine = results.filter((r) => r.tool === tool);
  const same = mine.filter(foundOurs).length;
  const scans = mine.map((r) => r.scanMs);
  return [
    tool,
    seconds(median(mine.map((r) => r.wallMs))),
    seconds(median(scans)),
    `${seconds(Math.min(...scans))}-${seconds(Math.max(...scans))}`,
    seconds(median(mine.map((r) => r.cpuMs))),
    `${same === mine.length ? 'yes' : 'NO'} (${same} of ${mine.length} runs)`,
  ];
});
const report = [
  `A connect scan of 127.0.0.1 ports 1-65535, median of ${options.runs} interleaved runs per scanner`,
  `Machine: ${describeMachine(nmapTool)}`,
  `Load average (1, 5, 15 min): ${loadBefore} before, ${loadAfter} after`,
  `Run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, bench --runs ${options.runs}`,
  '',
  formatTable({
    columns: ['scanner', 'wall', 'scan', 'scan range', 'CPU', 'found our ports'],
    rows,
  }),
  '',
  `Open ports every scanner should find: ${expected} (this run's listeners)${
    exclude ? `; ${exclude} excluded: other programs' listeners` : ''
  }.${
    othersSeen.size > 0
      ? ` Listeners other programs opened during the runs (found by some scans, not counted): ${portList([...othersSeen])}.`
      : ''
  }`,
  'Wall includes starting the process; scan is the time the tool itself reports (the median, and the fastest and slowest run); CPU is user + system time of the whole process.',
  '',
  'Every run:',
  ...runLines,
].join('\n');
console.log(`\n${report}`);
if (rows.some((row) => row[5]?.startsWith('NO'))) {
  // The times would compare scans that did different work: not a result to keep.
  process.stderr.write('error: not every run found the same open ports, so nothing is recorded\n');
  process.exitCode = 1;
} else if (options.record) {
  writeFileSync(recording, `${report}\n`);
  console.log(`\nrecorded in ${recording}`);
}
