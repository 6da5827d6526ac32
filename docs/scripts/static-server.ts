// A tiny static file server for the built site, on loopback only: the browser test and
// `pnpm --filter @netprog/docs preview` use it. It resolves routes the way a static host does
// with VitePress's cleanUrls: /concepts serves concepts.html, /labs/ serves labs/index.html,
// anything else missing is a 404. The browser test also makes it Chromium's proxy for every
// other host (test/browser/chromium.ts): a request for another host arrives here, is refused
// and is kept in `refused`, so it never leaves the machine.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  // mermaid's own built files (the site loads them from /vendor/mermaid/); a browser refuses a
  // module script served as anything but JavaScript.
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

export interface StaticSite extends AsyncDisposable {
  /** e.g. 'http://127.0.0.1:41234' (no trailing slash). */
  url: string;
  /**
   * Requests meant for another host, refused (403): 'http://example.invalid/x' for a proxied
   * request, 'example.invalid:443' for an HTTPS tunnel (CONNECT). A static site serves itself
   * only.
   */
  readonly refused: readonly string[];
  close(): Promise<void>;
}

/** Where to listen: a loopback address (127.0.0.1 unless told) and a port (0: the system picks). */
export interface ListenOn {
  host?: string;
  port?: number;
}

/**
 * Which file under `root` answers `pathname`, or null for a 404.
 *
 * @example
 * fileForPath('/site', '/labs/')    // '/site/labs/index.html'
 * fileForPath('/site', '/concepts') // '/site/concepts.html'
 */
export function fileForPath(root: string, pathname: string): string | null {
  const decoded = decodeURIComponent(pathname);
  const clean = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  const base = join(root, clean);
  // Never serve anything outside the site folder, whatever the request says.
  if (base !== root && !base.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const candidates = decoded.endsWith('/')
    ? [join(base, 'index.html')]
    : [base, `${base}.html`, join(base, 'index.html')];
  return candidates.find((file) => isFile(file)) ?? null;
}

/**
 * Serves `root` until closed, on 127.0.0.1 and a free port unless told otherwise.
 *
 * @example
 * await using site = await serveStatic('/repo/docs/.vitepress/dist');
 * await page.goto(`${site.url}/concepts`);
 */
export async function serveStatic(
  root: string,
  { host = '127.0.0.1', port = 0 }: ListenOn = {},
): Promise<StaticSite> {
  if (!isLoopback(host)) {
    throw new Error(`serveStatic: ${host} is not a loopback address; use 127.0.0.1 or ::1.`);
  }
  const refused: string[] = [];
  const server = createServer((request, response) => {
    const target = request.url ?? '/';
    // A path is for this site; anything else ('http://host/x') asks this server to be a proxy.
    if (!target.startsWith('/')) {
      refused.push(target);
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`this server serves its own site only, not ${target}\n`);
      return;
    }
    const pathname = new URL(target, 'http://127.0.0.1').pathname;
    const file = fileForPath(root, pathname);
    const status = file === null ? 404 : 200;
    const body = file ?? join(root, '404.html');
    response.writeHead(status, {
      'content-type': contentTypes[extname(body)] ?? 'application/octet-stream',
      'cache-control': cacheControl(pathname),
    });
    if (!isFile(body)) {
      response.end('not found');
      return;
    }
    createReadStream(body).pipe(response);
  });
  // An HTTPS request for another host asks for a tunnel first.
  server.on('connect', (request, socket) => {
    refused.push(request.url ?? '?');
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  const shown = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://${shown}:${bound.port}`, refused, close, [Symbol.asyncDispose]: close };
}

/**
 * How long a browser may keep a response. VitePress names the files under /assets/ by a hash of
 * their content, so a changed file is a new name: those are kept, as a static host keeps them
 * (the browser test's page loads then reuse them: about 7% less CPU for that test). Pages and
 * everything else are fetched again each time, so a rebuilt site shows at once.
 *
 * @example
 * cacheControl('/assets/app.Bx1f9.js') // 'public, max-age=31536000, immutable'
 * cacheControl('/concepts')            // 'no-store'
 */
export function cacheControl(pathname: string): string {
  return pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store';
}

/**
 * True for an IP literal on this machine's loopback: 127.0.0.0/8 or ::1.
 *
 * @example
 * isLoopback('127.0.0.1') // true
 * isLoopback('0.0.0.0')   // false: that is every interface
 */
export function isLoopback(host: string): boolean {
  return /^127(?:\.\d{1,3}){3}$/.test(host) || host === '::1';
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
