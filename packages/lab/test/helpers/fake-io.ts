// In-memory stdin/stdout/stderr for calling the CLI's main() inside a test.
import { PassThrough, Writable } from 'node:stream';
import type { Io } from '../../src/context.ts';

export interface FakeIo extends Io {
  out(): string;
  err(): string;
}

/**
 * Streams that remember what was written; stdin is not a terminal.
 * @example
 * const io = fakeIo(); await main(['--help'], io); io.out();
 */
export function fakeIo(): FakeIo {
  let out = '';
  let err = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  return {
    stdout: sink((t) => {
      out += t;
    }),
    stderr: sink((t) => {
      err += t;
    }),
    stdin: new PassThrough(),
    env: { NO_COLOR: '1' },
    cwd: process.cwd(),
    out: () => out,
    err: () => err,
  };
}
