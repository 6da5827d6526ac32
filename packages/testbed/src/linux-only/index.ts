// @netprog/testbed/linux-only: how the course's Linux-only parts say so where they cannot run
// (/proc, ss, getent, unshare, strace; see the README's "verified on Linux only"). For examples
// and library code; tests use @netprog/testbed/linux-only/tests, which needs vitest.
export type { ExitUnlessLinuxOptions, LinuxOnlyShell } from './examples.ts';
export { exitUnlessLinux, onLinuxOrSay } from './examples.ts';
export { isLinux, linuxOnlyNote, linuxOnlyReason } from './reason.ts';
