// Python's listen(), to compare its backlog with Node's: Python's default is min(SOMAXCONN, 128)
// and it passes 0 through, where Node turns a missing or 0 backlog into 511.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** A python3 process listening on 127.0.0.1, until close() is called. */
export interface PythonListener {
  port: number;
  /** Python's `socket.SOMAXCONN`: the C header's constant on this platform. */
  somaxconn: number;
  close(): Promise<void>;
}

/** Listens, says where and what SOMAXCONN is, then waits until its stdin closes. */
const SCRIPT = [
  'import socket, sys',
  's = socket.socket()',
  "s.bind(('127.0.0.1', 0))",
  'if sys.argv[1] == "default": s.listen()',
  'else: s.listen(int(sys.argv[1]))',
  'print(s.getsockname()[1], socket.SOMAXCONN, flush=True)',
  'sys.stdin.read()',
].join('\n');

/**
 * Starts python3 listening on 127.0.0.1 port 0 with `listen(backlog)`, or plain `listen()` when
 * backlog is 'default'; resolves once it listens, or null where python3 is not installed.
 * Bounded: rejects if Python has not said where it listens within 30 s (a pyenv shim can be slow).
 *
 * @example
 * const py = await pythonListen('default'); // then kernelBacklog(py.port) is 128
 * await py?.close();
 */
export async function pythonListen(backlog: number | 'default'): Promise<PythonListener | null> {
  const child = spawn('python3', ['-c', SCRIPT, String(backlog)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const close = async (): Promise<void> => {
    child.stdin.end();
    await exited;
  };
  try {
    // One line, which may arrive in several chunks.
    const [line] = (await Promise.race([
      once(createInterface({ input: child.stdout }), 'line'),
      once(child, 'error'),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('python3 did not listen within 30 s')), 30_000).unref(),
      ),
    ])) as [string | NodeJS.ErrnoException];
    if (typeof line !== 'string') {
      if (line.code === 'ENOENT') return null;
      throw line;
    }
    const [port = 0, somaxconn = 0] = line.trim().split(' ').map(Number);
    return { port, somaxconn, close };
  } catch (error) {
    child.kill();
    throw error;
  }
}
