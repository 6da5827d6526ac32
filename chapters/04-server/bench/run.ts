// Run: pnpm --filter @netprog/ch04-server bench [--duration S] [--rounds N] [--only raw|models] [--quick] [--record]
//  (or: pnpm tsx chapters/04-server/bench/run.ts ...)
//
// The chapter's benchmark. It is a command, not a test: numbers depend on the machine, so it
// measures and reports, and a person reads the result. Two comparisons, both under wrk with
// keep-alive connections (wrk -t1 -c50: one load thread, 50 connections, one request in flight
// on each):
//   1. the chapter's raw server (full parsing and validation) against node:http giving the same
//      small response, and against a bare node:net responder that parses nothing (the ceiling);
//   2. the three concurrency models (examples/*-server.ts) on a cheap request (/hello), a
//      CPU-heavy one (/primes), and /hello while 4 connections keep /primes busy.
// Every server runs in a fresh process on 127.0.0.1, port 0; every run is bounded (wrk's own
// duration, and a kill 15 s after it); every process is stopped at the end. Each measurement
// follows a warm-up run (the JIT compiles the hot code during it), and the rounds are
// interleaved, so that a burst of load from elsewhere on the machine hits every server alike.
// The tables show the median of the rounds. --record also writes them to outputs/bench-raw.txt and
// outputs/bench-models.txt, which the chapter text embeds.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineCommand, EXIT_USAGE, runMain } from '@netprog/cli';
import {
  describeMachine,
  formatMs,
  formatRate,
  formatTable,
  loadAverage,
  median,
} from '@netprog/cli/bench';
import { type ServerProcess, startServerProcess } from './server-process.ts';
import { runWrk, WrkMissingError, type WrkResult, wrkVersion } from './wrk.ts';

interface Options {
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly rounds: number;
  readonly connections: number;
  readonly only: 'raw' | 'models' | undefined;
  readonly record: boolean;
}

const command = defineCommand({
  name: 'bench',
  options: {
    duration: { type: 'integer', min: 1, max: 60, placeholder: 'S' }, // default 5, --quick 1
    rounds: { type: 'integer', min: 1, max: 10 }, // default 3, --quick 1
    connections: { type: 'integer', min: 1, max: 1000, default: 50 },
    only: { type: 'string', choices: ['raw', 'models'] },
    quick: { type: 'boolean' },
    record: { type: 'boolean' },
  },
});

function parseOptions(): Options {
  const args = command.parse();
  return {
    seconds: args.duration ?? (args.quick ? 1 : 5),
    warmupSeconds: 1,
    rounds: args.rounds ?? (args.quick ? 1 : 3),
    connections: args.connections,
    only: args.only,
    record: args.record,
  };
}

const progress = (line: string) => process.stderr.write(`${line}\n`);

/** Starts a server, runs `measure` against it, and always stops it. */
async function withServer<T>(
  file: string,
  measure: (server: ServerProcess) => Promise<T>,
): Promise<T> {
  const server = await startServerProcess(file);
  try {
    return await measure(server);
  } finally {
    await server.stop();
  }
}

// #region raw
const RAW_SERVERS = [
  { name: 'bare node:net responder (parses nothing)', file: 'bench/servers/bare-responder.ts' },
  { name: "this chapter's server (parses, validates)", file: 'examples/event-loop-server.ts' },
  { name: 'node:http', file: 'bench/servers/node-http-hello.ts' },
] as const;
// #endregion raw

interface RawRun {
  readonly result: WrkResult;
  /** Server CPU time per request, in microseconds. */
  readonly cpuUs: number;
}

async function measureRaw(options: Options): Promise<string> {
  const runs = new Map<string, RawRun[]>(RAW_SERVERS.map((s) => [s.name, []]));
  for (let round = 1; round <= options.rounds; round += 1) {
    // Rotate the order each round, so that no server is always the first after a pause.
    const order = RAW_SERVERS.map((_, i) => RAW_SERVERS[(i + round - 1) % RAW_SERVERS.length]!);
    for (const { name, file } of order) {
      const run = await withServer(file, async (server) => {
        const url = `${server.url}hello`;
        await runWrk(url, { connections: options.connections, seconds: options.warmupSeconds });
        const cpuBefore = server.cpuSeconds();
        const result = await runWrk(url, {
          connections: options.connections,
          seconds: options.seconds,
        });
        const cpuUs = ((server.cpuSeconds() - cpuBefore) / result.requests) * 1e6;
        return { result, cpuUs };
      });
      runs.get(name)?.push(run);
      progress(
        `  round ${round}: ${name}: ${formatRate(run.result.requestsPerSecond)} req/s, p99 ${formatMs(run.result.p99Ms)}${run.result.errors > 0 ? `, ${run.result.errors} ERRORS` : ''}`,
      );
    }
  }
  const summary = (name: string) => {
    const list = runs.get(name) ?? [];
    return {
      rps: median(list.map((r) => r.result.requestsPerSecond)),
      p50: median(list.map((r) => r.result.p50Ms)),
      p99: median(list.map((r) => r.result.p99Ms)),
      cpuUs: median(list.map((r) => r.cpuUs)),
      errors: list.reduce((sum, r) => sum + r.result.errors, 0),
    };
  };
  const table = formatTable({
    columns: [
      'GET /hello (13-byte body)',
      'requests/s',
      'p50',
      'p99',
      'server CPU/request',
      'errors',
    ],
    rows: RAW_SERVERS.map(({ name }) => {
      const s = summary(name);
      return [
        name,
        formatRate(s.rps),
        formatMs(s.p50),
        formatMs(s.p99),
        Number.isNaN(s.cpuUs) ? '-' : `${s.cpuUs.toFixed(1)} µs`,
        String(s.errors),
      ];
    }),
  });
  const raw = summary(RAW_SERVERS[1].name);
  const http = summary(RAW_SERVERS[2].name);
  const bare = summary(RAW_SERVERS[0].name);
  return [
    table,
    '',
    `this chapter's server / node:http: ${(raw.rps / http.rps).toFixed(2)}x the requests/s, p99 ${(raw.p99 / http.p99).toFixed(2)}x`,
    `this chapter's server / bare responder: ${(raw.rps / bare.rps).toFixed(2)}x the requests/s`,
  ].join('\n');
}

// #region models
const MODELS = [
  { name: '1. event loop (1 thread)', file: 'examples/event-loop-server.ts' },
  { name: '2. pre-fork (2 processes)', file: 'examples/prefork-server.ts' },
  { name: '3. worker pool (2 threads)', file: 'examples/worker-pool-server.ts' },
] as const;
/** Connections that keep /primes busy while /hello is measured. */
const BUSY_CONNECTIONS = 4;
// #endregion models

interface ModelRun {
  readonly hello: WrkResult;
  readonly primes: WrkResult;
  readonly helloWhileBusy: WrkResult;
  readonly primesWhileBusy: WrkResult;
}

async function measureModels(options: Options): Promise<string> {
  const runs = new Map<string, ModelRun[]>(MODELS.map((m) => [m.name, []]));
  const load = (url: string, seconds: number, connections = options.connections) =>
    runWrk(url, { connections, seconds });
  for (let round = 1; round <= options.rounds; round += 1) {
    const order = MODELS.map((_, i) => MODELS[(i + round - 1) % MODELS.length]!);
    for (const { name, file } of order) {
      const run = await withServer(file, async (server) => {
        const hello = `${server.url}hello`;
        const primes = `${server.url}primes`;
        await load(hello, options.warmupSeconds);
        const helloResult = await load(hello, options.seconds);
        await load(primes, options.warmupSeconds);
        const primesResult = await load(primes, options.seconds);
        const [primesWhileBusy, helloWhileBusy] = await Promise.all([
          load(primes, options.seconds, BUSY_CONNECTIONS),
          load(hello, options.seconds),
        ]);
        return { hello: helloResult, primes: primesResult, helloWhileBusy, primesWhileBusy };
      });
      runs.get(name)?.push(run);
      progress(
        `  round ${round}: ${name}: /hello ${formatRate(run.hello.requestsPerSecond)} req/s, /primes ${formatRate(run.primes.requestsPerSecond)} req/s, /hello p99 while busy ${formatMs(run.helloWhileBusy.p99Ms)}`,
      );
    }
  }
  const table = formatTable({
    columns: [
      'model',
      '/hello req/s',
      'p99',
      '/primes req/s',
      'p99',
      `/hello p99, ${BUSY_CONNECTIONS} busy`,
      'errors',
    ],
    rows: MODELS.map(({ name }) => {
      const list = runs.get(name) ?? [];
      const pick = (get: (run: ModelRun) => number) => median(list.map(get));
      const errors = list.reduce(
        (sum, r) =>
          sum +
          r.hello.errors +
          r.primes.errors +
          r.helloWhileBusy.errors +
          r.primesWhileBusy.errors,
        0,
      );
      return [
        name,
        formatRate(pick((r) => r.hello.requestsPerSecond)),
        formatMs(pick((r) => r.hello.p99Ms)),
        formatRate(pick((r) => r.primes.requestsPerSecond)),
        formatMs(pick((r) => r.primes.p99Ms)),
        formatMs(pick((r) => r.helloWhileBusy.p99Ms)),
        String(errors),
      ];
    }),
  });
  return [
    table,
    '',
    `/primes counts the primes below 20,000 by trial division (about 1 ms of CPU). "/hello p99, ${BUSY_CONNECTIONS} busy": /hello on ${options.connections} connections while ${BUSY_CONNECTIONS} others keep requesting /primes.`,
    "errors: socket errors and non-2xx/3xx responses, summed over all of a model's runs.",
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions();
  const wrk = await wrkVersion();
  const each = `wrk -t1 -c${options.connections}, keep-alive, ${options.seconds} s per run after a ${options.warmupSeconds} s warm-up, median of ${options.rounds} round${options.rounds === 1 ? '' : 's'}`;
  const sections: Array<{ file: string; title: string; measure: () => Promise<string> }> = [];
  if (options.only !== 'models') {
    sections.push({
      file: 'bench-raw.txt',
      title: `The raw server against node:http (${each})`,
      measure: () => measureRaw(options),
    });
  }
  if (options.only !== 'raw') {
    sections.push({
      file: 'bench-models.txt',
      title: `The three concurrency models (${each})`,
      measure: () => measureModels(options),
    });
  }
  for (const section of sections) {
    progress(section.title);
    const loadBefore = loadAverage();
    const started = new Date();
    const table = await section.measure();
    const report = [
      section.title,
      `Machine: ${describeMachine(wrk)}`,
      `Load average (1, 5, 15 min): ${loadBefore} before, ${loadAverage()} after`,
      `Run: ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, bench ${process.argv.slice(2).join(' ')}`.trimEnd(),
      '',
      table,
      '',
    ].join('\n');
    process.stdout.write(`${report}\n`);
    if (options.record) {
      const file = fileURLToPath(new URL(`../outputs/${section.file}`, import.meta.url));
      writeFileSync(file, report);
      progress(`recorded in ${file}`);
    }
  }
}

// A bad option or a missing wrk is the user's to fix: one line, exit 2, like every command here.
await runMain(main, {
  prefix: 'error: ',
  explain: (error) =>
    error instanceof WrkMissingError ? { exitCode: EXIT_USAGE, message: error.message } : undefined,
});
