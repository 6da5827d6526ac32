import { sharedConfig } from '@netprog/testbed/vitest';
import { defineConfig, mergeConfig } from 'vitest/config';

// Two groups, one after the other: the chapter's tests, then the check that reads where every
// process of the run connected. `pnpm test` runs the whole suite under strace once
// (`netprog-traced`), so the check reads the trace of this very run instead of running every test
// a second time under strace (test/stays-on-loopback.test.ts).
const CHECK = 'test/stays-on-loopback.test.ts';

export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'chapter 1',
            exclude: [CHECK, '**/node_modules/**'],
            sequence: { groupOrder: 0 },
          },
        },
        {
          extends: true,
          test: { name: 'stays on loopback', include: [CHECK], sequence: { groupOrder: 1 } },
        },
      ],
    },
  }),
);
