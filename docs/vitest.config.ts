import { sharedConfig } from '@netprog/testbed/vitest';
import { mergeConfig } from 'vitest/config';

export default mergeConfig(sharedConfig, {
  test: {
    include: ['test/**/*.test.ts'],
    // The browser test drives a real Chromium through every page of the built site; on two
    // shared cores that takes tens of seconds, so it gets its own generous limit per test
    // (set in the file). Everything else keeps the shared 20 s.
  },
});
