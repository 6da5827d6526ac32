import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import { expect, test } from 'vitest';
import { parseStatCpuMs, processCpuMs } from '../src/grade/process-cpu.ts';

test('utime plus stime, counted from the last parenthesis, in milliseconds', () => {
  const rest = 'R 1 4242 4242 0 -1 4194304 100 0 0 0 37 5 0 0 20 0 11 0 9 0 0';
  expect(parseStatCpuMs(`4242 (node) ${rest}`)).toBe(420);
  // A command name may hold spaces and parentheses of its own.
  expect(parseStatCpuMs(`4242 (node (a) b) ${rest}`)).toBe(420);
  expect(parseStatCpuMs('4242 node R 1')).toBeUndefined();
  expect(parseStatCpuMs('4242 (node) R 1')).toBeUndefined();
});

const linux = linuxOnly("a process's CPU time is read from /proc/<pid>/stat");

linux.it(
  "reads a process's CPU time as it grows, and nothing once the process is gone",
  async () => {
    const before = processCpuMs(process.pid) ?? Number.NaN;
    const until = performance.now() + 100;
    while (performance.now() < until) {
      // Spin for 100 ms of wall time: at least one clock tick of CPU on any machine.
    }
    expect(processCpuMs(process.pid)).toBeGreaterThan(before);

    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    await once(child, 'exit');
    expect(processCpuMs(pid)).toBeUndefined();
  },
);
