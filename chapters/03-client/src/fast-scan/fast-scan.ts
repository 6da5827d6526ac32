// The fast scanner: the same connect scan as scanner.ts, arranged so that a full 65,535-port sweep
// of loopback keeps up with nmap -sT.
//
// Why the teaching scanner is slower: on loopback there is no network latency at all. A refused
// connect is a few microseconds of kernel work, and what remains is the cost of OUR code per
// port: a socket object, Promises, a timer, an Error with a stack trace, and collecting all of
// that garbage. More concurrency does not help when the CPU is the limit. So:
//   1. little work per probe: shared handlers, one timer for all probes, a few net.Sockets
//      connected again and again instead of one new stream per port, RST on close, no stack
//      traces (connect-sweep.mjs and net-engine.mjs);
//   2. both cores busy: worker threads sweep one shared port list, each with its own event loop
//      running that lean loop and capturing no stack traces (this thread only waits for them:
//      its refused connects would each capture one, which cost a third more CPU per probe);
//   3. ports whose answer said nothing (self-connect, a local shortage, a timeout) are probed
//      again afterwards in this thread, as nmap retransmits.
// The engine is net.Socket (public API) unless the caller asks for 'handles' (Node internals,
// handles-engine.mjs); where those are unusable the scan falls back to 'net' and says why.
import { availableParallelism, constants } from 'node:os';
import { Worker } from 'node:worker_threads';
import { resolveScanTarget } from '../loopback-target.ts';
import { classifyConnectResult } from '../port-state.ts';
import type { ScanOptions, ScanReport } from '../scanner.ts';
import { ScanError, scanSettings } from '../scanner.ts';
import {
  DEFAULT_ENGINE,
  type SweepEngine,
  type SweepOptions,
  type SweepOutcome,
  sweepPorts,
} from './connect-sweep.mjs';
import { handlesUnavailable } from './handles-engine.mjs';

export interface FastScanOptions extends Omit<ScanOptions, 'probe' | 'backoffMs'> {
  /** Threads that sweep (default: one per core). 1: this thread sweeps alone, no workers. */
  threads?: number;
  /** How probes are opened (default 'net'; 'handles' is internal, see handles-engine.mjs). */
  engine?: SweepEngine;
}

export interface FastScanReport extends ScanReport {
  /** The engine that ran: the one asked for, or 'net' after a fallback. */
  engine: SweepEngine;
  /** Why the engine asked for could not run (the scan then used 'net'); undefined if it ran. */
  fallback?: string;
  /** Threads that swept: 1 is this thread alone, more are that many worker threads. */
  threads: number;
}

/** Below this many ports per thread, starting a worker costs more than it saves. */
const PORTS_PER_THREAD_MIN = 4096;
/** Rounds of re-probing for self-connects and shortages before giving up. */
const MAX_RETRY_ROUNDS = 8;

/** One sweep's answers, classified (port-state.ts decides what each errno means). */
interface Classified {
  open: number[];
  closed: number;
  filtered: number[];
  /** No answer in time: retry, up to `retries` times. */
  timedOut: number[];
  /** The answer said nothing about the port: probe again. */
  again: { selfConnect: number[]; shortage: number[] };
  errors: Array<{ port: number; code: string }>;
}

// #region fast-scan
/**
 * Scans like scan() and returns the same report, using worker threads and the lean connect
 * loop. Refuses non-loopback hosts unless `allowNonLoopback` is set.
 *
 * @example
 * const report = await fastScan('127.0.0.1', parsePortSpec('1-65535'));
 * console.log(report.open, `${report.durationMs.toFixed(0)} ms`);
 */
export async function fastScan(
  host: string,
  ports: readonly number[],
  options: FastScanOptions = {},
): Promise<FastScanReport> {
  const { concurrency, timeoutMs, retries, signal, allowNonLoopback } = scanSettings(options);
  const { threads: maxThreads = availableParallelism(), engine: asked = DEFAULT_ENGINE } = options;
  // The internal engine runs only where this Node still offers it; otherwise the public one does.
  const fallback = asked === 'handles' ? handlesUnavailable() : undefined;
  const engine: SweepEngine = fallback === undefined ? asked : 'net';
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a whole number >= 1, got ${concurrency}`);
  }
  const target = await resolveScanTarget(host, { allowNonLoopback });
  signal?.throwIfAborted();
  const started = performance.now();
  const sweep: SweepOptions = { concurrency, timeoutMs, engine };

  // More than one thread: that many workers sweep, and this one waits for them.
  const threads = Math.max(
    1,
    Math.min(maxThreads, Math.floor(ports.length / PORTS_PER_THREAD_MIN)),
  );
  const first =
    threads > 1
      ? await sweepShared(target.address, ports, sweep, threads, signal)
      : await sweepPorts(target.address, ports, sweep);

  const report: FastScanReport = {
    engine,
    fallback,
    threads,
    host,
    address: target.address,
    open: [],
    closed: 0,
    filtered: [],
    errors: [],
    retried: { selfConnect: 0, resourceShortage: 0, timeout: 0 },
    durationMs: 0,
  };
  const timeouts = new Map<number, number>(); // port -> timeouts so far
  let round = classify(first);
  let roundConcurrency = concurrency;
  for (let i = 0; ; i++) {
    report.open.push(...round.open);
    report.closed += round.closed;
    report.filtered.push(...round.filtered);
    report.errors.push(...round.errors);
    const again = [...round.again.selfConnect, ...round.again.shortage];
    report.retried.selfConnect += round.again.selfConnect.length;
    report.retried.resourceShortage += round.again.shortage.length;
    for (const port of round.timedOut) {
      const tries = (timeouts.get(port) ?? 0) + 1;
      timeouts.set(port, tries);
      if (tries > retries) report.filtered.push(port);
      else {
        report.retried.timeout += 1;
        again.push(port);
      }
    }
    if (again.length === 0) break;
    if (i === MAX_RETRY_ROUNDS) {
      throw new ScanError(
        `${again.length} ports kept failing with local shortages (EMFILE, EADDRNOTAVAIL...): ` +
          `lower the concurrency (now ${concurrency}) below the open-file limit (ulimit -n)`,
      );
    }
    signal?.throwIfAborted();
    // Shortages mean too many sockets at once: halve the pressure before trying again.
    if (round.again.shortage.length > 0) roundConcurrency = Math.max(1, roundConcurrency >> 1);
    round = classify(
      await sweepPorts(target.address, again, { ...sweep, concurrency: roundConcurrency }),
    );
  }
  report.open.sort((a, b) => a - b);
  report.filtered.sort((a, b) => a - b);
  report.durationMs = performance.now() - started;
  return report;
}
// #endregion fast-scan

/** Sorts a sweep's raw errors with the same table the teaching scanner uses. */
function classify(outcome: SweepOutcome): Classified {
  const result: Classified = {
    open: outcome.open,
    closed: outcome.refused,
    filtered: [],
    timedOut: outcome.timedOut,
    again: { selfConnect: outcome.selfConnects, shortage: [] },
    errors: [],
  };
  for (const { port, code } of outcome.failed) {
    const errno = constants.errno[code as keyof typeof constants.errno];
    switch (errno === undefined ? 'error' : classifyConnectResult(errno)) {
      case 'closed':
        result.closed += 1;
        break;
      case 'filtered':
        result.filtered.push(port);
        break;
      case 'retry-later':
        result.again.shortage.push(port);
        break;
      default:
        result.errors.push({ port, code });
    }
  }
  return result;
}

// #region workers
/**
 * Sweeps one shared port list with `threads` worker threads. The list and a cursor live in
 * SharedArrayBuffers; every worker takes the next port with Atomics.add, so one that starts late
 * takes fewer ports.
 *
 * This thread does not sweep. It did once, starting at once while the workers booted, but every
 * refused connect here creates an Error with a stack trace (a worker turns those off, and a
 * library must not turn them off for its caller's whole process), and its JIT-cold first scan
 * ran beside the workers' warm-up anyway. Workers only: about 10% less CPU and
 * time for a whole sweep (median of 6 interleaved runs each: 1.90 s against 2.12 s of CPU).
 */
async function sweepShared(
  address: string,
  ports: readonly number[],
  options: SweepOptions,
  threads: number,
  signal: AbortSignal | undefined,
): Promise<SweepOutcome> {
  const shared = new Uint16Array(new SharedArrayBuffer(ports.length * 2));
  shared.set(ports);
  const cursor = new Int32Array(new SharedArrayBuffer(4));
  const job = { ...options, cursor };
  const running: Worker[] = [];
  const stopAll = (): void => {
    for (const worker of running) void worker.terminate();
  };
  signal?.addEventListener('abort', stopAll, { once: true });
  try {
    const sweepers = Array.from({ length: threads }, () => {
      // execArgv: [] because the worker is plain JavaScript and needs no loader (see connect-sweep.mjs).
      const worker = new Worker(new URL('./sweep-worker.mjs', import.meta.url), {
        workerData: { address, ports: shared, options: job },
        execArgv: [],
      });
      running.push(worker);
      return new Promise<SweepOutcome>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) =>
          reject(
            signal?.aborted
              ? signal.reason
              : new ScanError(`a scan worker stopped (exit code ${code}) before reporting`),
          ),
        );
      });
    });
    const outcomes = await Promise.all(sweepers);
    return {
      open: outcomes.flatMap((o) => o.open),
      refused: outcomes.reduce((sum, o) => sum + o.refused, 0),
      timedOut: outcomes.flatMap((o) => o.timedOut),
      selfConnects: outcomes.flatMap((o) => o.selfConnects),
      failed: outcomes.flatMap((o) => o.failed),
    };
  } finally {
    signal?.removeEventListener('abort', stopAll);
    stopAll();
  }
}
// #endregion workers
