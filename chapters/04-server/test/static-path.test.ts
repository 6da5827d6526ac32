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

  it('refuses targets that are not origin-form and bad percent-encoding', () => {
    expect(resolveStaticPath(root, 'http://x/a')).toMatchObject({ ok: false, status: 400 });
    expect(resolveStaticPath(root, '/%zz')).toMatchObject({ ok: false, status: 400 });
  });
});
