import { closedPort, connectTcp, listenHttp } from '@netprog/testbed/fixtures';
import { describe, expect, it } from 'vitest';
import { classifyError, errorCode, isRetryable, RETRY_RULES } from '../src/retryable.ts';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('errorCode', () => {
  it('reads .code, the cause chain, AggregateError and DOMException names', () => {
    expect(errorCode(withCode('ECONNRESET'))).toBe('ECONNRESET');
    expect(errorCode(new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') }))).toBe(
      'ECONNREFUSED',
    );
    expect(errorCode(new AggregateError([withCode('EHOSTUNREACH')]))).toBe('EHOSTUNREACH');
    expect(errorCode(new DOMException('signal timed out', 'TimeoutError'))).toBe('ETIMEDOUT');
    expect(errorCode(new DOMException('aborted', 'AbortError'))).toBe('ABORT_ERR');
    expect(errorCode('just a string')).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
  });

  it('survives a cause cycle', () => {
    const a: { cause?: unknown } = {};
    const b = { cause: a };
    a.cause = b;
    expect(errorCode(a)).toBeUndefined();
  });
});

describe('classifyError', () => {
  it('retries what can heal and not what is a mistake', () => {
    for (const code of [
      'ECONNREFUSED',
      'ETIMEDOUT',
      'ECONNRESET',
      'EPIPE',
      'EHOSTUNREACH',
      'EAI_AGAIN',
    ]) {
      expect(isRetryable(withCode(code)), code).toBe(true);
    }
    for (const code of ['ENOTFOUND', 'EACCES', 'EADDRINUSE', 'ABORT_ERR']) {
      expect(isRetryable(withCode(code)), code).toBe(false);
    }
  });

  it('does not retry unknown codes or errors without a code, and says why', () => {
    expect(classifyError(withCode('EWEIRD'))).toEqual({
      code: 'EWEIRD',
      retryable: false,
      why: 'unknown code EWEIRD',
    });
    expect(classifyError(new Error('boom')).retryable).toBe(false);
  });

  it('for non-idempotent requests, retries only errors that prove nothing was sent', () => {
    expect(isRetryable(withCode('ECONNREFUSED'), { idempotent: false })).toBe(true);
    expect(isRetryable(withCode('ECONNRESET'), { idempotent: false })).toBe(false);
    expect(classifyError(withCode('ETIMEDOUT'), { idempotent: false }).why).toMatch(
      /not idempotent/,
    );
  });

  it('has one rule per code, each with a reason', () => {
    const codes = RETRY_RULES.map((rule) => rule.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const rule of RETRY_RULES) expect(rule.why.length).toBeGreaterThan(10);
  });

  it('classifies real errors from Node and fetch', async () => {
    const closed = await closedPort();
    const refusedByNet = await connectTcp(closed.port).catch((e: unknown) => e);
    expect(classifyError(refusedByNet)).toMatchObject({ code: 'ECONNREFUSED', retryable: true });

    // The refusal comes at once; the bound only ends a hang. It is wide because a file's first
    // fetch() loads undici, which on a busy machine alone can take seconds.
    const refusedByFetch = await fetch(`http://127.0.0.1:${closed.port}/`, {
      signal: AbortSignal.timeout(15_000),
    }).catch((e: unknown) => e);
    expect(refusedByFetch).toBeInstanceOf(TypeError); // fetch hides the errno in `cause`
    expect(classifyError(refusedByFetch)).toMatchObject({ code: 'ECONNREFUSED', retryable: true });

    await using slow = await listenHttp({ delayMs: 2_000 });
    const timedOut = await fetch(slow.url, { signal: AbortSignal.timeout(100) }).catch(
      (e: unknown) => e,
    );
    expect((timedOut as Error).name).toBe('TimeoutError');
    expect(classifyError(timedOut)).toMatchObject({ code: 'ETIMEDOUT', retryable: true });
  });
});
