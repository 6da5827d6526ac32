// netprog-traced runs a suite under strace once, and a check at its end reads the trace of that
// same run (chapter 1's stays-on-loopback test). So: the trace must be readable while the command
// still runs, the command's exit code must come back, and a command traced already must run
// plainly (strace cannot nest).
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, vi } from 'vitest';
import { linuxOnly } from '../src/linux-only/tests.ts';
import { parseTrace, straceUnavailable } from '../src/strace/index.ts';
import { runTraced, TRACE_FILE_ENV, TRACED_ENV } from '../src/strace/run-traced.ts';
import { skipWhenMissing } from '../src/tools/index.ts';

const linux = linuxOnly('strace traces Linux system calls');

/**
 * A command that sends one datagram to 127.0.0.1:9 (discard: nothing needs to listen), then
 * writes what it saw (its trace variables, its own trace so far) to `out`, and exits 3.
 */
function child(out: string): string[] {
  const script = `
    const dgram = require('node:dgram'), fs = require('node:fs');
    const s = dgram.createSocket('udp4');
    s.send('x', 9, '127.0.0.1', () => {
      s.close();
      const file = process.env.${TRACE_FILE_ENV};
      const trace = file === undefined ? null : fs.readFileSync(file, 'utf8');
      fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify({ file, traced: process.env.${TRACED_ENV} ?? null, trace }));
      process.exit(3);
    });`;
  return ['-e', script];
}

interface Seen {
  file?: string;
  traced: string | null;
  trace: string | null;
}

describe('runTraced', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  linux.it(
    'gives the command its trace file while it runs, returns its exit code, and cleans up',
    async (context) => {
      if (skipWhenMissing(context, await straceUnavailable())) return;
      vi.stubEnv(TRACED_ENV, undefined);
      const folder = await mkdtemp(join(tmpdir(), 'netprog-run-traced-'));
      try {
        const out = join(folder, 'seen.json');
        expect(await runTraced(process.execPath, child(out))).toBe(3);
        const seen = JSON.parse(readFileSync(out, 'utf8')) as Seen;
        expect(seen.traced).toBe('1');
        expect(seen.file).toBeDefined();
        // The send the command made is in the trace it read before exiting.
        const sends = parseTrace(seen.trace ?? '').filter((d) => d.port === 9);
        expect(sends.map((d) => d.address)).toEqual(['127.0.0.1']);
        expect(existsSync(seen.file ?? ''), 'the trace is deleted afterwards').toBe(false);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  );

  linux.it('runs a command that is traced already plainly: strace cannot nest', async () => {
    vi.stubEnv(TRACED_ENV, '1');
    const folder = await mkdtemp(join(tmpdir(), 'netprog-run-traced-'));
    try {
      const out = join(folder, 'seen.json');
      expect(await runTraced(process.execPath, child(out))).toBe(3);
      const seen = JSON.parse(readFileSync(out, 'utf8')) as Seen;
      expect(seen).toEqual({ traced: '1', trace: null });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
