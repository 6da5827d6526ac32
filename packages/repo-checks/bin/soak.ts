// Run: pnpm soak [--runs N] [--filter PACKAGE] [--idle]   (from the repository root)
//
// Runs the whole test suite N times (turbo, --force so nothing comes from its cache, two tasks at
// once as `pnpm test` runs them) while one busy process per core competes for the CPU, and prints
// after each run every failure with its package and test, the tests that passed only on a retry,
// and the slowest tasks; at the end, how many runs were green and which tests failed in how many.
// A suite that passes on a quiet machine but not on a busy one is broken: users run it on laptops
// doing other things, and CI runners are shared. Exit code 1 when any run failed, 2 for bad input.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { defineCommand, runMain } from '@netprog/cli';
import type { ResultsFile } from '@netprog/testbed/vitest/results-file';
import { startCpuHog } from '../src/soak/cpu-hog.ts';
import { formatRun, formatSoak } from '../src/soak/format-report.ts';
import { type RunReport, summariseRun } from '../src/soak/run-report.ts';
import { tasksOfSummary } from '../src/soak/turbo-summary.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TURBO = join(ROOT, 'node_modules', '.bin', 'turbo');
// The environment variable @netprog/testbed/vitest's results reporter writes into (see
// results-file.mjs); turbo passes it through (turbo.json's globalPassThroughEnv).
const RESULTS_DIR_ENV = 'NETPROG_TEST_RESULTS_DIR';
// Longer than any run of the suite takes, even on a busy machine.
const HOG_BOUND_SECONDS = 30 * 60;

const command = defineCommand({
  name: 'pnpm soak',
  options: {
    runs: { type: 'integer', min: 1, max: 100, default: 3 },
    filter: { type: 'string', placeholder: 'PACKAGE' },
    idle: { type: 'boolean' },
  },
});

/** The summaries turbo has written so far, to find the one a run adds. */
async function summaryFiles(): Promise<Set<string>> {
  const folder = join(ROOT, '.turbo', 'runs');
  await mkdir(folder, { recursive: true });
  return new Set(await readdir(folder));
}

/** Runs the suite once; its output goes to `<dir>/turbo.log`, its results files into `dir`. */
async function runSuite(dir: string, filter: string | undefined): Promise<RunReport> {
  const before = await summaryFiles();
  const logFile = join(dir, 'turbo.log');
  const log = createWriteStream(logFile);
  const args = ['run', 'test', '--force', '--continue', '--concurrency=2', '--summarize'];
  if (filter !== undefined) args.push(`--filter=${filter}`);
  const turbo = spawn(TURBO, args, {
    cwd: ROOT,
    env: { ...process.env, [RESULTS_DIR_ENV]: dir, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  turbo.stdout.pipe(log, { end: false });
  turbo.stderr.pipe(log, { end: false });
  await once(turbo, 'close');
  log.end();
  await once(log, 'close');
  const added = [...(await summaryFiles())].filter((f) => !before.has(f));
  if (added.length !== 1) {
    throw new Error(`turbo wrote ${added.length} run summaries, not 1: see ${logFile}`);
  }
  const summary = JSON.parse(await readFile(join(ROOT, '.turbo', 'runs', added[0] ?? ''), 'utf8'));
  const results: ResultsFile[] = [];
  for (const name of await readdir(dir)) {
    if (name.endsWith('.json')) results.push(JSON.parse(await readFile(join(dir, name), 'utf8')));
  }
  // turbo may colour its task prefixes even with NO_COLOR: strip any escapes.
  const text = stripVTControlCharacters(await readFile(logFile, 'utf8'));
  return summariseRun(results, tasksOfSummary(summary), text);
}

runMain(async () => {
  const { runs, filter, idle } = command.parse();
  const folder = await mkdtemp(join(tmpdir(), 'netprog-soak-'));
  let load = 'no added load (--idle)';
  console.log(`soak: ${runs} runs of the suite; logs in ${folder}`);
  const reports: RunReport[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const dir = join(folder, `run-${run}`);
    await mkdir(dir);
    // A fresh hog per run, bounded, so a soak killed mid-run leaves nothing spinning for long.
    const hog = idle ? undefined : await startCpuHog(HOG_BOUND_SECONDS);
    load = hog?.description ?? load;
    const started = performance.now();
    let report: RunReport;
    let endLoad: number;
    try {
      report = await runSuite(dir, filter);
      endLoad = loadavg()[0] ?? 0;
    } finally {
      await hog?.stop();
    }
    reports.push(report);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(formatRun(report, { run, runs, seconds, load: endLoad }));
  }
  process.stdout.write(formatSoak(reports, load));
  if (reports.some((r) => r.failures.length > 0)) process.exitCode = 1;
});
