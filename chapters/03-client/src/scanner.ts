// The teaching port scanner: Python's connect_ex loop, made concurrent. For every port it creates
// a socket, sets a timeout, calls connectEx and classifies the errno; a bounded pool keeps
// `concurrency` of these in flight. fast-scan.ts is the same idea tuned for speed.
import { setTimeout as sleep } from 'node:timers/promises';
import { errnoName, type SockAddr, socket } from '@netprog/socket-core';
import { runBounded, WorkQueue } from './bounded-pool.ts';
import { resolveScanTarget } from './loopback-target.ts';
import { classifyConnectResult } from './port-state.ts';

/** What one probe returns: connectEx's 0 or errno, or 'self-connect' (see connectExProbe). */
export type ProbeResult = number | 'self-connect';

/** One connect attempt to one port, bounded by `timeoutMs`. Must never reject for a connect failure. */
export type Probe = (address: SockAddr, timeoutMs: number) => Promise<ProbeResult>;

export interface ScanOptions {
  /** Most probes in flight at once (default 100). Keep it well below `ulimit -n`. */
  concurrency?: number;
  /** How long one connect may take before the port counts as filtered (default 1000 ms). */
  timeoutMs?: number;
  /** Extra attempts for a port that timed out, as nmap retransmits (default 1). */
  retries?: number;
  /** Stops the scan: no new probes start, and scan() rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Scan a non-loopback host. Only for hosts you own (the CLI's --i-own-this-host). */
  allowNonLoopback?: boolean;
  /** How to probe one port (default connectExProbe); tests inject their own. */
  probe?: Probe;
  /** After a local shortage (EMFILE...), wait this long times the number of shortages so far (default 10 ms). */
  backoffMs?: number;
}

export interface ScanReport {
  /** The host as given, and the address that was scanned. */
  host: string;
  address: string;
  /** Ports that accepted a connection, sorted. */
  open: number[];
  /** How many ports refused (RST): there are usually thousands, so only the count. */
  closed: number;
  /** Ports that never answered within the timeout (after retries), sorted. */
  filtered: number[];
  /** Ports whose connect failed with an errno a scan does not expect, with its name. */
  errors: Array<{ port: number; code: string }>;
  /** Probes repeated because the answer said nothing about the port. */
  retried: { selfConnect: number; resourceShortage: number; timeout: number };
  durationMs: number;
}

/** The scan could not go on (e.g. it kept running out of file descriptors). */
export class ScanError extends Error {
  override readonly name = 'ScanError';
}

/** After this many "out of file descriptors / ports" answers for one port, give up the scan. */
const MAX_RESOURCE_RETRIES = 10;

// #region probe
/**
 * Probes one port the Python way: a fresh socket, settimeout, connect_ex, close.
 *
 * One loopback oddity is handled here: a port in the ephemeral range (32768-60999 on Linux)
 * can be picked by the kernel as our own SOURCE port while we connect to it. The SYN then
 * reaches the sending socket itself, and TCP's "simultaneous open" connects the socket to
 * itself: connectEx returns 0 although nobody listens. We recognise it (local address ==
 * remote address) and answer 'self-connect' so that the scanner probes the port again.
 *
 * @example
 * await connectExProbe(['127.0.0.1', 22], 1_000); // 0 (open), 111 (ECONNREFUSED on Linux), ...
 */
export const connectExProbe: Probe = async (address, timeoutMs) => {
  const probe = socket();
  try {
    probe.settimeout(timeoutMs);
    const errno = await probe.connectEx(address);
    if (errno === 0) {
      const [localHost, localPort] = probe.getsockname();
      const [peerHost, peerPort] = probe.getpeername();
      if (localPort === peerPort && localHost === peerHost) return 'self-connect';
    }
    return errno;
  } finally {
    await probe.close();
  }
};
// #endregion probe

// #region scan
/**
 * The options both scanners take (scan() here, fastScan() in fast-scan/), with their defaults
 * filled in, so the two cannot drift apart.
 *
 * @example
 * scanSettings({ timeoutMs: 300 })
 * // { concurrency: 100, timeoutMs: 300, retries: 1, signal: undefined, allowNonLoopback: false }
 */
export function scanSettings(options: ScanOptions) {
  return {
    concurrency: options.concurrency ?? 100,
    timeoutMs: options.timeoutMs ?? 1_000,
    retries: options.retries ?? 1,
    signal: options.signal,
    allowNonLoopback: options.allowNonLoopback ?? false,
  };
}

/**
 * Scans `ports` of `host` with connect probes, at most `concurrency` at a time, and reports
 * which are open, closed or filtered. Refuses a host that is not loopback unless
 * `allowNonLoopback` is set (see resolveScanTarget).
 *
 * @example
 * const report = await scan('127.0.0.1', parsePortSpec('1-1024'), { concurrency: 100, timeoutMs: 1_000 });
 * console.log(report.open); // e.g. [22, 631]
 */
export async function scan(
  host: string,
  ports: readonly number[],
  options: ScanOptions = {},
): Promise<ScanReport> {
  const { concurrency, timeoutMs, retries, signal, allowNonLoopback } = scanSettings(options);
  const { probe = connectExProbe, backoffMs = 10 } = options;
  const target = await resolveScanTarget(host, { allowNonLoopback });
  const started = performance.now();
  const open: number[] = [];
  const filtered: number[] = [];
  const errors: ScanReport['errors'] = [];
  const retried = { selfConnect: 0, resourceShortage: 0, timeout: 0 };
  let closed = 0;
  const attempts = new Map<number, number>(); // port -> timeouts so far
  const shortages = new Map<number, number>(); // port -> resource shortages so far
  const queue = new WorkQueue(ports);

  // #region scan-loop
  await runBounded(
    queue,
    concurrency,
    async (port) => {
      const result = await probe([target.address, port], timeoutMs);
      if (result === 'self-connect') {
        retried.selfConnect += 1;
        queue.push(port); // the port told us nothing: ask again (the next source port differs)
        return;
      }
      switch (classifyConnectResult(result)) {
        case 'open':
          open.push(port);
          return;
        case 'closed':
          closed += 1;
          return;
        case 'filtered': {
          const tries = (attempts.get(port) ?? 0) + 1;
          attempts.set(port, tries);
          if (tries <= retries) {
            retried.timeout += 1;
            queue.push(port);
          } else filtered.push(port);
          return;
        }
        case 'retry-later': {
          // Out of file descriptors or ports: OUR shortage, not the port's state. Wait a little
          // (other probes finish and free theirs), then ask again.
          const count = (shortages.get(port) ?? 0) + 1;
          shortages.set(port, count);
          if (count > MAX_RESOURCE_RETRIES) {
            throw new ScanError(
              `port ${port}: connect kept failing with a local shortage (errno ${result}); ` +
                `lower the concurrency (now ${concurrency}) below the open-file limit (ulimit -n)`,
            );
          }
          retried.resourceShortage += 1;
          await sleep(backoffMs * count);
          queue.push(port);
          return;
        }
        case 'error':
          errors.push({ port, code: errnoName(result) });
          return;
      }
    },
    signal,
  );
  // #endregion scan-loop

  return {
    host,
    address: target.address,
    open: open.sort((a, b) => a - b),
    closed,
    filtered: filtered.sort((a, b) => a - b),
    errors,
    retried,
    durationMs: performance.now() - started,
  };
}
// #endregion scan
