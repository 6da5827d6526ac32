// The machine a benchmark ran on, in one line: numbers mean little without it.
import { availableParallelism, cpus, loadavg, release, type } from 'node:os';

/**
 * E.g. "2 vCPUs (AMD EPYC), Linux 6.18.44, Node v20.20.2, wrk debian/4.1.0-3+b2 [epoll]": the
 * CPUs, the kernel, Node, and the versions of the other tools the benchmark ran.
 *
 * @example
 * describeMachine('wrk 4.1.0') // '2 vCPUs (AMD EPYC), Linux 6.1.0, Node v20.20.2, wrk 4.1.0'
 * describeMachine() // '2 vCPUs (AMD EPYC), Linux 6.1.0, Node v20.20.2'
 */
export function describeMachine(...tools: string[]): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const parts = [`${availableParallelism()} vCPUs (${model})`, `${type()} ${release()}`];
  return [...parts, `Node ${process.version}`, ...tools].join(', ');
}

/**
 * The 1, 5 and 15 minute load averages, as `uptime` prints them: on a shared machine, the first
 * thing to check before trusting a benchmark.
 *
 * @example
 * loadAverage() // '0.47 1.44 2.87'
 */
export function loadAverage(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}
