import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../src/static-path.ts';

const root = path.resolve('/srv/site');

describe('resolveStaticPath', () => {
  it('maps targets under the root, index.html for directories', () => {
    expect(resolveStaticPath(root, '/a/b.txt?x=1')).toEqual({
      ok: true,
      file: path.join(root, 'a/b.txt'),
    });
    expect(resolveStaticPath(root, '/')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveStaticPath(root, '/hello%20world.txt')).toEqual({
      ok: true,
      file: path.join(root, 'hello world.txt'),
    });
  });

  it.each([
    '/../etc/passwd',
    '/a/../../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/%2E%2E/%2e%2e/etc/passwd',
    '/a%2f..%2f..%2fetc',
    '/..%5cwindows',
    '/a\\..\\..\\etc',
    '/a%00.txt',
    '/./a',
  ])('refuses %s', (target) => {
    const result = resolveStaticPath(root, target);
    expect(result.ok).toBe(false);
  });

  it('accepts absolute-form targets (RFC 9112 §3.2.2), using only their path', () => {
    expect(resolveStaticPath(root, 'http://x/a?q')).toEqual({
      ok: true,
      file: path.join(root, 'a'),
    });
    expect(resolveStaticPath(root, 'HTTP://x:80')).toEqual({
      ok: true,
      file: path.join(root, 'index.html'),
    });
    expect(resolveStaticPath(root, 'http://x/../etc/passwd')).toMatchObject({ ok: false });
  });

  it('refuses targets in no form a server takes, and bad percent-encoding', () => {
    expect(resolveStaticPath(root, 'x/a')).toMatchObject({ ok: false, status: 400 });
    expect(resolveStaticPath(root, '*')).toMatchObject({ ok: false, status: 400 });
    expect(resolveStaticPath(root, 'ftp://x/a')).toMatchObject({ ok: false, status: 400 });
    expect(resolveStaticPath(root, '/%zz')).toMatchObject({ ok: false, status: 400 });
  });
});
