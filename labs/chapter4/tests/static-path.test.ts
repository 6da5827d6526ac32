// Graded: exercise 3, resolveStaticPath. Pure: no files are read.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../exercises/static-path.ts';

const root = path.resolve('/srv/site');

/** The call as a message shows it, with every special character escaped. */
const call = (base: string, target: string) =>
  `resolveStaticPath(${JSON.stringify(base)}, ${JSON.stringify(target)})`;

describe('resolveStaticPath', () => {
  it.each([
    ['/a.txt', 'a.txt'],
    ['/dir/b.html?x=1#top', 'dir/b.html'],
    ['/a.txt#top', 'a.txt'],
    ['/a.txt?q=a?b', 'a.txt'],
    ['/a.txt?next=%2f..%2f%zz', 'a.txt'],
    ['/', 'index.html'],
    ['/docs/', 'docs/index.html'],
    ['/hello%20world.txt', 'hello world.txt'],
    ['/what%3F%23.txt', 'what?#.txt'],
    ['/100%25.txt', '100%.txt'],
    ['/caf%C3%A9.txt', 'café.txt'],
    ['/..hidden', '..hidden'],
    ['/a..b/c.txt', 'a..b/c.txt'],
  ])('maps %j', (target, file) => {
    expect(resolveStaticPath(root, target), call(root, target)).toBe(path.join(root, file));
  });

  it('serves from the filesystem root too', () => {
    expect(resolveStaticPath('/', '/a.txt'), call('/', '/a.txt')).toBe(path.resolve('/a.txt'));
  });

  it.each([
    '/../etc/passwd',
    '/a/../../etc/passwd',
    '/a/../b.txt',
    '/a/..',
    '/./a.txt',
    '/%2e%2e/etc/passwd',
    '/%2E%2E/secret',
    '/.%2e/etc/passwd',
    '/a%2f..%2f..%2fetc',
    '/a%2F..',
    '/a%2fb.txt',
    '/a%2Fb.txt',
    '/..%5c..%5cwindows',
    '/a%5Cb.txt',
    '/a\\..\\..\\etc',
    '/a.txt%00.html',
    '/a.txt\0.html',
    '/%zz',
    'a.txt',
    'http://evil/a.txt',
  ])('refuses %j', (target) => {
    expect(resolveStaticPath(root, target), call(root, target)).toBeNull();
  });
});
