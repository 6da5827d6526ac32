// What `pnpm soak` prints: a paragraph per run as it ends, and a closing summary of all runs with
// every failure named and counted. Pure: strings in, strings out.
import type { RunReport } from './run-report.ts';

/** The conditions of one run, measured by the shell around it. */
export interface RunConditions {
  readonly run: number;
  readonly runs: number;
  readonly seconds: number;
  /** The one-minute load average at the end of the run. */
  readonly load: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;

/**
 * One run: a headline, every failure (package, test, message), the near misses, the slowest tasks.
 *
 * @example
 * formatRun(report, { run: 1, runs: 3, seconds: 187, load: 11.2 });
 * // 'run 1 of 3: green, 1402 tests in 19 packages, 187 s, load 11.2\n  slowest: ...'
 */
export function formatRun(report: RunReport, at: RunConditions): string {
  const verdict = report.failures.length === 0 ? 'green' : `${report.failures.length} FAILED`;
  const lines = [
    `run ${at.run} of ${at.runs}: ${verdict}, ${report.tests} tests in ${report.packages} packages, ${at.seconds.toFixed(0)} s, load ${at.load.toFixed(1)}`,
  ];
  for (const failure of report.failures) {
    lines.push(`  FAIL ${failure.package} ${failure.test}`, `       ${failure.message}`);
  }
  for (const near of report.retried) {
    const times = near.retries === 1 ? 'retry' : `${near.retries} retries`;
    lines.push(`  passed after ${times}: ${near.package} ${near.test}`);
  }
  const slowest = [...report.tasks]
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, 5)
    .map((t) => `${t.package}#${t.task} ${seconds(t.durationMs)}`);
  if (slowest.length > 0) lines.push(`  slowest: ${slowest.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * All runs: how many were green, and each failing test with the number of runs it failed in, most
 * often first.
 *
 * @example
 * formatSoak(reports, 'stress-ng --cpu 2');
 * // 'soak: 2 of 3 runs green under stress-ng --cpu 2\n  failed in 1 of 3 runs: @netprog/...'
 */
export function formatSoak(reports: readonly RunReport[], load: string): string {
  const green = reports.filter((r) => r.failures.length === 0).length;
  const lines = [`soak: ${green} of ${reports.length} runs green under ${load}`];
  const count = new Map<string, number>();
  for (const report of reports) {
    for (const name of new Set(report.failures.map((f) => `${f.package} ${f.test}`))) {
      count.set(name, (count.get(name) ?? 0) + 1);
    }
  }
  for (const [name, runs] of [...count].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    lines.push(`  failed in ${runs} of ${reports.length} runs: ${name}`);
  }
  const retried = new Set(reports.flatMap((r) => r.retried.map((t) => `${t.package} ${t.test}`)));
  if (retried.size > 0) lines.push(`  ${retried.size} tests passed only on a retry in some run`);
  return `${lines.join('\n')}\n`;
}
