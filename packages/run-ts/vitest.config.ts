// These tests open no socket: they start Node processes that run small TypeScript files and read
// what they print. They run without testbed's loopback guard because testbed depends on this
// package (a test dependency back on testbed would make a package cycle).
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['test/**/*.test.ts'] } });
