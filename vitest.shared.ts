// The one vitest configuration every package, chapter and lab starts from, so that the
// loopback guard and the timeouts are the same everywhere.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Fails any connect, UDP send or DNS query that would leave this machine (see packages/testbed). */
export const loopbackGuard = fileURLToPath(
  new URL('./packages/testbed/src/loopback-guard/setup.ts', import.meta.url),
);

export const sharedConfig = defineConfig({
  test: {
    setupFiles: [loopbackGuard],
    // Socket tests wait on real I/O; 5 s is generous on loopback and still ends a hung test fast.
    testTimeout: 5_000,
    hookTimeout: 5_000,
    // A leaked handle in globalSetup would otherwise cost every run 10 s.
    teardownTimeout: 2_000,
    // Two cores: more workers than that only adds start-up cost.
    maxWorkers: 2,
  },
});
