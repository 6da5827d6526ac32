// The thin shell examples use: one line saying what was skipped and why, instead of a stack trace
// from a missing /proc file. Printed on stdout, as an example's other output: skipping is the
// example's documented outcome there, not an error.
import { linuxOnlyReason } from './reason.ts';

/** What the helpers print with and how they exit: the real ones unless a test passes its own. */
export interface LinuxOnlyShell {
  /** The platform to act as (default process.platform). */
  platform?: string;
  /** Where the line goes (default console.log). */
  print?: (line: string) => void;
}

export interface ExitUnlessLinuxOptions extends LinuxOnlyShell {
  /** The exit code after the line (default 0: the example did what it documents). */
  exitCode?: number;
  /** How to exit (default process.exit). */
  exit?: (code: number) => void;
}

/**
 * For an example that is Linux-only as a whole: on Linux returns; elsewhere prints
 * `<what> needs Linux (<why>); skipped on <platform>` and exits (0 unless `exitCode` says
 * otherwise). Call it before opening anything.
 *
 * @example
 * exitUnlessLinux('netstat-scene.ts', 'it reads /proc/net and runs ss');
 */
export function exitUnlessLinux(what: string, why: string, options: ExitUnlessLinuxOptions = {}) {
  const reason = linuxOnlyReason(what, why, options.platform);
  if (reason === undefined) return;
  (options.print ?? console.log)(reason);
  (options.exit ?? process.exit)(options.exitCode ?? 0);
}

/**
 * For a Linux-only part of an example: true on Linux (run it); elsewhere prints the one line
 * and returns false, so the example goes on with what runs everywhere.
 *
 * @example
 * if (onLinuxOrSay("the kernel's view of each socket", 'it reads /proc/net')) console.log(await kernelView(fd));
 */
export function onLinuxOrSay(what: string, why: string, options: LinuxOnlyShell = {}): boolean {
  const reason = linuxOnlyReason(what, why, options.platform);
  if (reason === undefined) return true;
  (options.print ?? console.log)(reason);
  return false;
}
