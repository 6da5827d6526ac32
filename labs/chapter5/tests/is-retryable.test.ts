// Graded tests for exercise 4 (isRetryable). Do not edit: lab.json holds this file's hash.
import { closedPort, connectTcp, listenHttp } from '@netprog/testbed/fixtures';
import { describe, expect, it } from 'vitest';
import { isRetryable } from '../exercises/is-retryable.ts';

const withCode = (code: string) => Object.assign(new Error(`failed: ${code}`), { code });

describe('isRetryable', () => {
  it('retries the codes whose cause can go away by itself', () => {
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'EAI_AGAIN',
    ]) {
      expect(isRetryable(withCode(code)), code).toBe(true);
    }
  });

  it('does not retry mistakes, unknown codes, or things that are not errors', () => {
    expect(isRetryable(withCode('ECONNREFUSED')), 'control: a retryable code').toBe(true);
    for (const code of ['ENOTFOUND', 'EACCES', 'EADDRINUSE', 'EINVAL', 'ESOMETHINGNEW']) {
      expect(isRetryable(withCode(code)), code).toBe(false);
    }
    expect(isRetryable(new Error('no code at all'))).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
    expect(isRetryable(null)).toBe(false);
    expect(isRetryable('ECONNREFUSED')).toBe(false); // a string is not an error object
  });

  it('treats an AbortSignal timeout as retryable, a deliberate abort as not', () => {
    expect(
      isRetryable(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ).toBe(true);
    expect(isRetryable(new DOMException('This operation was aborted', 'AbortError'))).toBe(false);
  });

  it('finds the code in the cause chain (fetch) and in AggregateError.errors', () => {
    expect(isRetryable(new TypeError('fetch failed', { cause: withCode('ECONNRESET') }))).toBe(
      true,
    );
    expect(isRetryable(new TypeError('fetch failed', { cause: withCode('ENOTFOUND') }))).toBe(
      false,
    );
    const deep = new Error('outer', {
      cause: new Error('middle', { cause: withCode('ETIMEDOUT') }),
    });
    expect(isRetryable(deep)).toBe(true);
    expect(isRetryable(new AggregateError([withCode('EACCES'), withCode('ECONNREFUSED')]))).toBe(
      true,
    );
    expect(isRetryable(new AggregateError([withCode('EACCES'), withCode('ENOTFOUND')]))).toBe(
      false,
    );
  });

  it('classifies real errors from net and fetch', async () => {
    const closed = await closedPort();
    const fromNet = await connectTcp(closed.port).catch((e: unknown) => e);
    expect(isRetryable(fromNet)).toBe(true);
    const fromFetch = await fetch(`http://127.0.0.1:${closed.port}/`, {
      signal: AbortSignal.timeout(2_000),
    }).catch((e: unknown) => e);
    expect(fromFetch).toBeInstanceOf(TypeError);
    expect(isRetryable(fromFetch)).toBe(true);
    await using slow = await listenHttp({ delayMs: 2_000 });
    const timedOut = await fetch(slow.url, { signal: AbortSignal.timeout(100) }).catch(
      (e: unknown) => e,
    );
    expect(isRetryable(timedOut)).toBe(true);
    const controller = new AbortController();
    const cancelled = fetch(slow.url, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(isRetryable(await cancelled)).toBe(false);
  });
});
