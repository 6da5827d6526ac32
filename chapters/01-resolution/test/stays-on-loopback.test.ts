// "Nothing leaves the machine", proved: the chapter's whole suite runs under strace, which
// records every IPv4/IPv6 address any of its processes (vitest's workers, every example run,
// python3, getent) passed to connect or a send. One outside 127.0.0.0/8 and ::1 fails the test.
// (0.0.0.0 and :: count as this machine: glibc's getaddrinfo connects a UDP socket to each
// answer to sort them, sending nothing, and Python's getaddrinfo(None, port, AI_PASSIVE) answers
// exactly those two; see testbed's parse-trace.ts.) The loopback guard keeps Node in line; this
// also catches what the guard cannot see.
//
// `pnpm test` runs the suite under strace once (`netprog-traced vitest run`), and this file runs
// last (vitest.config.ts: its own group, after the chapter's tests), so it reads the trace of the
// run it belongs to. Run any other way (`npx vitest run`), it runs the rest of the suite again
// under strace itself, as it always did.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { linuxOnly } from '@netprog/testbed/linux-only/tests';
import {
  offLoopback,
  parseTrace,
  straceUnavailable,
  summariseTrace,
  TRACE_FILE_ENV,
  TRACED_ENV,
  traceCommand,
} from '@netprog/testbed/strace';
import { skipWhenMissing } from '@netprog/testbed/tools';
import { describe, expect } from 'vitest';

const CHAPTER = fileURLToPath(new URL('..', import.meta.url));
const THIS_FILE = 'test/stays-on-loopback.test.ts';
const VITEST = join(
  dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);

/** This process's environment without vitest's own variables, so the inner run starts fresh. */
function freshEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')),
  );
  return { ...env, NO_COLOR: '1' };
}

// strace is Linux's; where it is only missing or forbidden on Linux, skipWhenMissing says so.
const linux = linuxOnly('strace traces Linux system calls');

describe('chapter 1 stays on this machine', () => {
  linux.it(
    'the whole suite, under strace -f, connects and sends only to addresses on this machine',
    {
      // The inner run is the whole suite again, slower under strace, on a machine that is also
      // running this one.
      timeout: 600_000,
    },
    async (context) => {
      const traceFile = process.env[TRACE_FILE_ENV];
      if (traceFile !== undefined) {
        // Every other test of this run has finished: what they did is in the file already
        // (strace writes each line as its call returns).
        const destinations = parseTrace(await readFile(traceFile, 'utf8'));
        const summary = summariseTrace(destinations);
        console.log(`strace over chapter 1's suite (this run): ${summary}`);
        expect(offLoopback(destinations), summary).toEqual([]);
        // The suite does connect on loopback, so an empty trace would mean strace saw nothing.
        expect(destinations.length).toBeGreaterThan(0);
        return;
      }
      // Under `pnpm loopback:trace` the whole run is traced already, and strace cannot nest.
      if (process.env[TRACED_ENV]) return context.skip('traced already by pnpm loopback:trace');
      if (skipWhenMissing(context, await straceUnavailable())) return;
      const run = await traceCommand(process.execPath, [VITEST, 'run', '--exclude', THIS_FILE], {
        cwd: CHAPTER,
        env: { ...freshEnv(), [TRACED_ENV]: '1' },
        timeoutMs: 580_000,
      });
      const summary = summariseTrace(run.destinations);
      console.log(`strace over chapter 1's suite: ${summary}`);
      expect(run.code, `the suite under strace failed:\n${run.stdout}\n${run.stderr}`).toBe(0);
      expect(offLoopback(run.destinations), summary).toEqual([]);
      // The suite does connect on loopback, so an empty trace would mean strace saw nothing.
      expect(run.destinations.length).toBeGreaterThan(0);
    },
  );
});
