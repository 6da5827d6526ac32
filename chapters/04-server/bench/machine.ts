// The machine a benchmark ran on, in one line: numbers mean little without it.
import { availableParallelism, cpus, loadavg, release, type } from 'node:os';

/**
 * E.g. "2 vCPUs (AMD EPYC), Linux 6.18.44, Node v20.20.2, wrk debian/4.1.0-3+b2 [epoll]".
 *
 * @example
 * describeMachine('wrk 4.1.0') // '2 vCPUs (AMD EPYC), Linux 6.1.0, Node v20.20.2, wrk 4.1.0'
 */
export function describeMachine(wrk: string): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${availableParallelism()} vCPUs (${model}), ${type()} ${release()}, Node ${process.version}, ${wrk}`;
}

/** The 1, 5 and 15 minute load averages, as `uptime` prints them. */
export function loadAverage(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}
