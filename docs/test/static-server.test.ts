// The built site's server (scripts/static-server.ts): what it serves, what browsers may keep,
// and that it refuses to pass requests on to another host, as the browser test relies on.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cacheControl, type StaticSite, serveStatic } from '../scripts/static-server.ts';
import { chromiumArgs } from './browser/chromium.ts';

/** One request to the site, by method and request target (as a browser sends it to a proxy). */
function ask(
  site: StaticSite,
  method: string,
  target: string,
): Promise<{ status: number; cache: string | undefined }> {
  const { hostname, port } = new URL(site.url);
  return new Promise((resolve, reject) => {
    const sent = request({ host: hostname, port, method, path: target, timeout: 5_000 });
    sent.on('response', (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, cache: response.headers['cache-control'] });
    });
    // A refused tunnel: the server answers CONNECT with 403 and closes.
    sent.on('connect', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, cache: undefined });
    });
    sent.on('timeout', () => sent.destroy(new Error(`no answer to ${method} ${target} in 5 s`)));
    sent.on('error', reject);
    sent.end();
  });
}

describe('serveStatic', () => {
  let root: string;
  let site: StaticSite;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'netprog-site-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'concepts.html'), '<h1>Concepts</h1>');
    await writeFile(join(root, 'assets', 'app.Bx1f9.js'), 'export {};');
    site = await serveStatic(root);
  });

  afterAll(async () => {
    await site?.close();
    await rm(root, { recursive: true, force: true });
  });

  test('serves pages fresh each time, and lets a browser keep the hashed assets', async () => {
    expect(await ask(site, 'GET', '/concepts')).toEqual({ status: 200, cache: 'no-store' });
    expect(await ask(site, 'GET', '/assets/app.Bx1f9.js')).toEqual({
      status: 200,
      cache: 'public, max-age=31536000, immutable',
    });
    expect(cacheControl('/labs/')).toBe('no-store');
  });

  test('refuses a request for another host, and keeps it in `refused`', async () => {
    expect((await ask(site, 'GET', 'http://example.invalid/x')).status).toBe(403);
    expect((await ask(site, 'CONNECT', 'example.invalid:443')).status).toBe(403);
    expect(site.refused).toEqual(['http://example.invalid/x', 'example.invalid:443']);
  });
});

test("Chromium's proxy must be a plain http server on 127.0.0.1", () => {
  const args = chromiumArgs('http://127.0.0.1:41234');
  expect(args).toContain('--proxy-server=http://127.0.0.1:41234');
  expect(args).toContain('--proxy-bypass-list=127.0.0.1');
  for (const proxy of ['http://0.0.0.0:41234', 'http://192.0.2.1:80', 'https://127.0.0.1:1']) {
    expect(() => chromiumArgs(proxy)).toThrow(/must be an http server on 127\.0\.0\.1/);
  }
});
