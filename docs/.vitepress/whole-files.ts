// The whole file under a listing is one click away but not in the page: a chapter shows parts
// of files up to 474 lines long, several times over, and carrying every whole file in the page
// made chapter pages 2.5 times heavier. So each whole file is rendered once (highlighted, like
// the listing above it) into its own small HTML file, /listings/<key>.html, written at the end
// of the build and served by the dev server; the theme fetches it when the reader opens it
// (theme/whole-file-loader.ts).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DevServerPlugin } from './dev-server-plugin.ts';

/** Where the whole files are served, under the site's base. */
export const wholeFilesFolder = 'listings';

/** Rendered whole files by key, filled while the pages are rendered. */
const rendered = new Map<string, string>();

/**
 * Keeps a rendered whole file and returns the key it is served under (the same HTML always
 * gets the same key, so a file shown on several pages is written once).
 *
 * @example
 * const key = keepWholeFile('<div class="language-ts">…</div>'); // e.g. '3f9c1e0a77b2'
 */
export function keepWholeFile(html: string): string {
  const key = createHash('sha256').update(html).digest('hex').slice(0, 12);
  rendered.set(key, html);
  return key;
}

/**
 * The rendered whole file kept under `key`, if any.
 *
 * @example
 * keptWholeFile(keepWholeFile(html)) === html // true
 */
export function keptWholeFile(key: string): string | undefined {
  return rendered.get(key);
}

/**
 * Writes every kept whole file into the built site: call from VitePress's buildEnd.
 *
 * @example
 * buildEnd: (site) => writeWholeFiles(site.outDir)
 */
export function writeWholeFiles(outDir: string): void {
  const folder = join(outDir, wholeFilesFolder);
  mkdirSync(folder, { recursive: true });
  for (const [key, html] of rendered) writeFileSync(join(folder, `${key}.html`), html);
}

/**
 * A Vite plugin that serves the kept whole files in `vitepress dev`, where no build writes them.
 *
 * @example
 * vite: { plugins: [serveWholeFiles()] }
 */
export function serveWholeFiles(): DevServerPlugin {
  return {
    name: 'netprog-whole-files',
    configureServer(server) {
      server.middlewares.use(`/${wholeFilesFolder}/`, (request, response, next) => {
        const key = /^\/?([0-9a-f]{12})\.html$/.exec(request.url ?? '')?.[1];
        const html = key === undefined ? undefined : keptWholeFile(key);
        if (html === undefined) return next();
        response.setHeader('content-type', 'text/html; charset=utf-8');
        response.end(html);
      });
    },
  };
}
