// Python's bind(), for the one thing Node cannot show: a listening socket WITHOUT SO_REUSEADDR.
// Node (libuv) sets SO_REUSEADDR on every TCP listener and offers no way to clear it, so the
// classic "Address already in use" after a restart is shown with the language of the notes.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { SockAddr } from '@netprog/socket-core';

const run = promisify(execFile);

/**
 * Runs `socket.bind(address)` and `listen()` in python3, with SO_REUSEADDR set or not, and
 * returns what Python printed: 'ok', or its OSError as `[Errno 98] Address already in use`.
 * Resolves null where python3 is not installed. Bounded: 10 s (a pyenv shim can be slow to start).
 *
 * @example
 * await pythonBind(['127.0.0.1', port], { reuseAddress: false }) // '[Errno 98] Address already in use'
 */
export async function pythonBind(
  [host, port]: SockAddr,
  { reuseAddress }: { reuseAddress: boolean },
): Promise<string | null> {
  const script = [
    'import socket, sys',
    's = socket.socket(socket.AF_INET, socket.SOCK_STREAM)',
    `if ${reuseAddress ? 'True' : 'False'}: s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)`,
    'try:',
    `    s.bind((${JSON.stringify(host)}, ${port})); s.listen(); print('ok')`,
    'except OSError as e:',
    '    print(e)',
    'finally:',
    '    s.close()',
  ].join('\n');
  try {
    return (await run('python3', ['-c', script], { timeout: 10_000 })).stdout.trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
