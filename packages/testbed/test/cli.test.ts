import { describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_USAGE, explainError, UsageError } from '../src/cli/index.ts';
import { runExample } from '../src/index.ts';

const example = new URL('./fixtures/cli-example.ts', import.meta.url).pathname;

class RefusedError extends Error {}
const explain = (error: unknown) =>
  error instanceof RefusedError ? { exitCode: EXIT_FAILURE, message: error.message } : undefined;

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
});

describe('runMain, in a real process', () => {
  // Each run starts Node with tsx: 1-3 s on a busy machine.
  const RUN = { timeoutMs: 25_000 };

  it('prints one line and exits 2 for a UsageError, 1 for an explained failure', {
    timeout: 60_000,
  }, async () => {
    const [usage, refused, ok] = await Promise.all([
      runExample(example, ['usage'], RUN),
      runExample(example, ['refused'], RUN),
      runExample(example, ['ok'], RUN),
    ]);
    expect(usage).toMatchObject({ code: 2, stdout: '', stderr: 'error: give a port, e.g. 8080\n' });
    expect(refused).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'error: connect to 127.0.0.1:9 refused\n',
    });
    expect(ok).toMatchObject({ code: 0, stdout: 'ok\n', stderr: '' });
  });

  it('lets a bug crash with its stack trace and exit code 1', { timeout: 30_000 }, async () => {
    const run = await runExample(example, ['bug'], RUN);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/TypeError: a bug, with its stack\n\s+at /);
  });
});
