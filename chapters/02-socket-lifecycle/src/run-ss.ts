// Running Linux's `ss` (iproute2) and reading what it prints. A thin I/O shell around
// parseSsOutput, for the examples and tests that compare the kernel's own tool with netstat().

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseSsOutput, type SsRow } from './ss-output.ts';

const run = promisify(execFile);

/**
 * Runs `ss` with `args` (bounded: 3 s) and parses its rows, or resolves null where there is no
 * `ss` to run (not Linux, or iproute2 not installed), so callers can say so instead of failing.
 *
 * @example
 * await runSs(['-ltn']) // [{ state: 'LISTEN', sendQ: 511, local: ['127.0.0.1', 36135], ... }]
 */
export async function runSs(args: readonly string[]): Promise<SsRow[] | null> {
  if (process.platform !== 'linux') return null;
  try {
    const { stdout } = await run('ss', [...args], { timeout: 3_000 });
    return parseSsOutput(stdout);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The backlog the kernel really gave the listener on `port`: for a LISTEN socket, ss's Send-Q
 * column is the accept queue's limit (sk_max_ack_backlog), after the kernel capped it at
 * net.core.somaxconn. Null where ss cannot tell.
 *
 * @example
 * await kernelBacklog(server.address().port) // 511 for a plain Node listen()
 */
export async function kernelBacklog(port: number): Promise<number | null> {
  const rows = await runSs(['-ltn']);
  return rows?.find((row) => row.local[1] === port)?.sendQ ?? null;
}
