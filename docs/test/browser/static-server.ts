// A tiny static file server for the built site, on 127.0.0.1 and a port the system picks.
// It resolves routes the way a static host does with VitePress's cleanUrls: /concepts serves
// concepts.html, /labs/ serves labs/index.html, anything else missing is a 404.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
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
  close(): Promise<void>;
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
 * Serves `root` until closed.
 *
 * @example
 * await using site = await serveStatic('/repo/docs/.vitepress/dist');
 * await page.goto(`${site.url}/concepts`);
 */
export async function serveStatic(root: string): Promise<StaticSite> {
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = fileForPath(root, pathname);
    const status = file === null ? 404 : 200;
    const body = file ?? join(root, '404.html');
    response.writeHead(status, {
      'content-type': contentTypes[extname(body)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    if (!isFile(body)) {
      response.end('not found');
      return;
    }
    createReadStream(body).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}`, close, [Symbol.asyncDispose]: close };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
