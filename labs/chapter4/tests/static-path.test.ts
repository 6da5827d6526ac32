// Graded: exercise 3, resolveStaticPath. Pure: no files are read.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../exercises/static-path.ts';

const root = path.resolve('/srv/site');

describe('resolveStaticPath', () => {
  it.each([
    ['/a.txt', 'a.txt'],
    ['/dir/b.html?x=1#top', 'dir/b.html'],
    ['/', 'index.html'],
    ['/docs/', 'docs/index.html'],
    ['/hello%20world.txt', 'hello world.txt'],
    ['/..hidden', '..hidden'],
  ])('maps %s', (target, file) => {
    expect(resolveStaticPath(root, target)).toBe(path.join(root, file));
  });

  it.each([
    '/../etc/passwd',
    '/a/../../etc/passwd',
    '/a/..',
    '/./a.txt',
    '/%2e%2e/etc/passwd',
    '/%2E%2E/secret',
    '/a%2f..%2f..%2fetc',
    '/a%2F..',
    '/..%5c..%5cwindows',
    '/a\\..\\..\\etc',
    '/a.txt%00.html',
    '/%zz',
    'a.txt',
    'http://evil/a.txt',
  ])('refuses %s', (target) => {
    expect(resolveStaticPath(root, target)).toBeNull();
  });
});
