import { once } from 'node:events';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_USAGE, explainError, UsageError } from '../src/index.ts';
import { runProgram } from './support/run-program.ts';

const program = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

class RefusedError extends Error {}
const explain = (error: unknown) =>
  error instanceof RefusedError ? { exitCode: EXIT_FAILURE, message: error.message } : undefined;

/** A listen error as Node's net.Server reports it. */
function listenError(code: string, address: string, port: number): Error {
  return Object.assign(new Error(`listen ${code}`), { code, syscall: 'listen', address, port });
}

describe('explainError', () => {
  it('reports a UsageError as its message and exit code 2, with or without a prefix', () => {
    expect(explainError(new UsageError('give a port'))).toEqual({
      exitCode: EXIT_USAGE,
      line: 'give a port',
    });
    expect(explainError(new UsageError('give a port'), { prefix: 'error: ' })).toEqual({
      exitCode: 2,
      line: 'error: give a port',
    });
  });

  it("asks the chapter's explain for the other errors, and calls the rest bugs", () => {
    expect(explainError(new RefusedError('refused'), { explain })).toEqual({
      exitCode: 1,
      line: 'refused',
    });
    expect(explainError(new RefusedError('refused'))).toBeUndefined();
    expect(explainError(new TypeError('bug'), { explain })).toBeUndefined();
    expect(explainError('not even an Error', { explain })).toBeUndefined();
  });

  it('keeps only the first line of a message', () => {
    expect(explainError(new UsageError('one\ntwo\nthree'))?.line).toBe('one');
    expect(explainError(new RefusedError('a\nb'), { explain, prefix: '! ' })?.line).toBe('! a');
  });

  it('explains a listen the user can fix as exit 2, before the chapter’s explain is asked', () => {
    const everything = () => ({ exitCode: 1, message: 'network failure' });
    expect(
      explainError(listenError('EADDRINUSE', '127.0.0.1', 8080), { explain: everything }),
    ).toEqual({
      exitCode: 2,
      line: 'cannot listen on 127.0.0.1:8080: the address is already in use (EADDRINUSE): stop the program using it, or pick another port (0 lets the kernel choose a free one)',
    });
    expect(explainError(listenError('EACCES', '::1', 80))?.line).toBe(
      'cannot listen on [::1]:80: permission denied (EACCES): ports below 1024 need privileges; pick a port from 1024 up (0 lets the kernel choose a free one)',
    );
    expect(explainError(listenError('EADDRNOTAVAIL', '192.0.2.1', 8080))?.line).toMatch(
      /^cannot listen on 192\.0\.2\.1:8080: no interface of this machine has that address \(EADDRNOTAVAIL\)/,
    );
    // socket-core's SocketError carries the same fields; bind fails the same ways.
    const bind = Object.assign(new Error('bind'), {
      code: 'EADDRINUSE',
      syscall: 'bind',
      address: '127.0.0.1',
      port: 53,
    });
    expect(explainError(bind)?.exitCode).toBe(2);
  });

  it('leaves other listen errors and other EADDRINUSEs to explain, or to crash', () => {
    expect(explainError(listenError('EMFILE', '127.0.0.1', 8080))).toBeUndefined();
    const connect = Object.assign(new Error('connect'), { code: 'EACCES', syscall: 'connect' });
    expect(explainError(connect)).toBeUndefined();
  });
});

describe('runMain and parseOrExit, in a real process', () => {
  it('prints one line and exits 2 for a UsageError, 1 for an explained failure', async () => {
    const file = program('explained-failures.ts');
    const [usage, refused, ok, unknown] = await Promise.all([
      runProgram(file, ['usage']),
      runProgram(file, ['refused']),
      runProgram(file, ['ok']),
      runProgram(file, ['ok', '--bogus']),
    ]);
    expect(usage).toMatchObject({ code: 2, stdout: '', stderr: 'error: give a port, e.g. 8080\n' });
    expect(refused).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'error: connect to 127.0.0.1:9 refused\n',
    });
    expect(ok).toMatchObject({ code: 0, stdout: 'ok\n', stderr: '' });
    expect(unknown).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'error: unknown option --bogus; usage: explained-failures.ts [mode] [--port N]\n',
    });
  }, 60_000);

  it('lets a bug crash with its stack trace and exit code 1', async () => {
    const run = await runProgram(program('explained-failures.ts'), ['bug']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/TypeError: a bug, with its stack\n\s+at /);
  }, 30_000);

  it('turns a port in use into one line and exit 2, and the process ends', async () => {
    // It only holds the port. A stray connection (another suite's port scan, run at the same
    // time) is closed at once: left alone, its reset would be an uncaught 'error'.
    const taken = net.createServer((stray) => stray.destroy()).listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as net.AddressInfo;
    try {
      const run = await runProgram(program('explained-failures.ts'), [
        'listen',
        '--port',
        `${port}`,
      ]);
      expect(run).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `error: cannot listen on 127.0.0.1:${port}: the address is already in use (EADDRINUSE): stop the program using it, or pick another port (0 lets the kernel choose a free one)\n`,
      });
    } finally {
      taken.close();
    }
  }, 30_000);

  it('parseOrExit ends a top-level script before its next line', async () => {
    const [refused, ran] = await Promise.all([
      runProgram(program('top-level-script.ts'), ['8080']),
      runProgram(program('top-level-script.ts')),
    ]);
    expect(refused).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'top-level-script.ts takes no arguments, got "8080"\n',
    });
    expect(ran).toMatchObject({ code: 0, stdout: 'ran\n', stderr: '' });
  }, 60_000);
});
