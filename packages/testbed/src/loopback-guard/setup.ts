// The vitest setup file every package, chapter and lab uses (listed in src/vitest/): it runs
// in each test worker before any test file, so no test can reach the network by accident.
// Importing this file is all it takes; it also works as `node --import <this file>`.
import { installLoopbackGuard } from './install.ts';

installLoopbackGuard();
