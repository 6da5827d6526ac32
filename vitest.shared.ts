// The one vitest configuration every package, chapter and lab starts from, so that the
// loopback guard, the leak check and the timeouts are the same everywhere.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Fails any connect, UDP send or DNS query that would leave this machine (see packages/testbed). */
export const loopbackGuard = fileURLToPath(
  new URL('./packages/testbed/src/loopback-guard/setup.ts', import.meta.url),
);

/**
 * Fails a test file that leaves a socket, server, child process or pipe open after its last hook
 * (see packages/testbed/src/leak-check): "no leaked handles" is checked, not hoped for.
 */
export const leakCheck = fileURLToPath(
  new URL('./packages/testbed/src/leak-check/setup.ts', import.meta.url),
);

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
  },
});
