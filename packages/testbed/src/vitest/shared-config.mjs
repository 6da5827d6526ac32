// The one vitest configuration every package, chapter, lab and the docs start from, so that the
// loopback guard, the leak check and the timeouts are the same everywhere. Each workspace's
// vitest.config.ts imports it by name: `import { sharedConfig } from '@netprog/testbed/vitest'`.
//
// JavaScript, not TypeScript, for one reason: vitest bundles a config file with the files it
// imports by relative path, but loads what it imports by package name with plain Node, and
// Node 20 cannot run TypeScript. Types: shared-config.d.mts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { RESULTS_DIR_ENV, ResultsFileReporter } from './results-file.mjs';

/** Fails any connect, UDP send or DNS query that would leave this machine (see src/loopback-guard). */
export const loopbackGuard = fileURLToPath(new URL('../loopback-guard/setup.ts', import.meta.url));

/**
 * Fails a test file that leaves a socket, server, child process or pipe open after its last hook
 * (see src/leak-check): "no leaked handles" is checked, not hoped for.
 */
export const leakCheck = fileURLToPath(new URL('../leak-check/setup.ts', import.meta.url));

export const sharedConfig = defineConfig({
  test: {
    // The guard first, so nothing a setup file does can leave the machine either.
    setupFiles: [loopbackGuard, leakCheck],
    // Socket tests wait on real I/O. On loopback they take milliseconds, but on a busy 2-core CI
    // machine a spawned example can take seconds to start; 20 s still ends a hung test quickly.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // A leaked handle in globalSetup would otherwise cost every run 10 s.
    teardownTimeout: 2_000,
    // Two cores: more workers than that only adds start-up cost.
    maxWorkers: 2,
    // A worker runs test file after test file, instead of a fresh process for each. These are the
    // course's own tests: each closes what it opened (the leak check fails a file that does not)
    // and restores what it stubs, so a fresh process per file bought nothing but its start-up,
    // about 0.3 s of CPU per file (testbed's 30 files: 18 s of CPU isolated, 11 s not). Graded
    // lab tests run student code and stay isolated: see @netprog/lab/vitest and the grader.
    isolate: false,
    // `pnpm soak` (packages/repo-checks) names each failure from these files; see results-file.mjs.
    ...(process.env[RESULTS_DIR_ENV]
      ? { reporters: ['default', new ResultsFileReporter(process.env[RESULTS_DIR_ENV])] }
      : {}),
  },
});
