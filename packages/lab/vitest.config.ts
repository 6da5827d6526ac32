import { sharedConfig } from '@netprog/testbed/vitest';
import { mergeConfig } from 'vitest/config';

export default mergeConfig(sharedConfig, {
  test: {
    include: ['test/**/*.test.ts'],
    // The fixture labs' own tests are graded by the tests, not run as tests of this package.
    exclude: ['test/fixtures/**', '**/node_modules/**'],
  },
});
