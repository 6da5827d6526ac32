import { sharedConfig } from '@netprog/testbed/vitest';
import { mergeConfig } from 'vitest/config';

export default mergeConfig(sharedConfig, {
  test: {
    include: ['test/**/*.test.ts'],
    // The browser test drives a real Chromium through every page of the built site, in two files
    // that run side by side (test/browser/site-in-chromium.ts); on two shared cores that takes
    // tens of seconds, so it gets its own generous limit per test (set there). Everything else
    // keeps the shared 20 s.
  },
});
