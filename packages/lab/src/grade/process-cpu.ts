// How much CPU a test process has used, read from outside it: the watchdog (watchdog.ts) tells a
// test process stuck in a loop (silent and burning CPU) from one that is silent because a busy
// machine has not let it run (silent and idle). Linux only (/proc); elsewhere the watchdog does
// without it and waits out its grace period.
//
// Not @netprog/proc-net's parser: this file runs in the grading process, inside vitest's bundle of
// grading-config.ts, which loads workspace packages with plain Node, and Node 20 cannot load their
// TypeScript.
import { readFileSync } from 'node:fs';

/**
 * The kernel's clock ticks per second in /proc (USER_HZ). Fixed at 100 by the kernel's ABI on the
 * architectures Node runs on, whatever the kernel's own timer frequency.
 */
const USER_HZ = 100;

/**
 * User plus system CPU time, in milliseconds, from the text of /proc/<pid>/stat. The second field
 * (the command name, in parentheses) may hold spaces and parentheses, so fields are counted from
 * the last ')': utime and stime are fields 14 and 15 of the line, the 12th and 13th after it.
 * @example
 * parseStatCpuMs('4242 (node) R 1 4242 4242 0 -1 4194304 100 0 0 0 37 5 0 0 20 0 11 0 9 0 0');
 * // 420
 */
export function parseStatCpuMs(statText: string): number | undefined {
  const close = statText.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = statText
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isInteger(utime) || !Number.isInteger(stime)) return undefined;
  return ((utime + stime) * 1000) / USER_HZ;
}

/**
 * CPU time process `pid` has used so far, in milliseconds; undefined when it cannot be read (no
 * /proc on this platform, or the process is gone).
 * @example
 * processCpuMs(process.pid); // 180
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    return parseStatCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}
