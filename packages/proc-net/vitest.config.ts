// These tests open no socket: they parse captured /proc lines and read this process's own /proc
// entries. So they run without testbed's loopback guard (testbed depends on this package, and a
// test dependency back on testbed would make a package cycle).
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['test/**/*.test.ts'] } });
