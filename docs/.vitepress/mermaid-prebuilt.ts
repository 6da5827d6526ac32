// Mermaid as the files its package ships, not bundled again by every build. Mermaid is a few
// megabytes of JavaScript; bundling it with rollup and minifying it was about 16 s of a cold
// site build's CPU, for the same code its package already ships built and split into lazy
// chunks (dist/mermaid.esm.min.mjs and dist/chunks/mermaid.esm.min/). So `import 'mermaid'`
// resolves to theme/mermaid-runtime.ts, which loads those files from /vendor/mermaid/ the first
// time a diagram is drawn; the build copies them there and the dev server serves them.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DevServerPlugin } from './dev-server-plugin.ts';

/** Where the shipped files are served, under the site's base (theme/mermaid-runtime.ts loads them). */
export const mermaidFolder = 'vendor/mermaid';

/** The module `import 'mermaid'` becomes in the site's code. */
export const mermaidRuntime = fileURLToPath(new URL('./theme/mermaid-runtime.ts', import.meta.url));

/** mermaid's dist/ folder, found the way Node finds the package from docs/. */
export function mermaidDist(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mermaid/package.json')), 'dist');
}

/**
 * The files the browser may load, relative to mermaid's dist/: the entry and its chunks,
 * without source maps.
 *
 * @example
 * mermaidFiles(mermaidDist()) // ['mermaid.esm.min.mjs', 'chunks/mermaid.esm.min/chunk-2X5….mjs', …]
 */
export function mermaidFiles(dist: string): string[] {
  const chunks = 'chunks/mermaid.esm.min';
  return [
    'mermaid.esm.min.mjs',
    ...readdirSync(join(dist, chunks))
      .filter((name) => name.endsWith('.mjs'))
      .map((name) => `${chunks}/${name}`),
  ];
}

/**
 * Copies the shipped files into the built site: call from VitePress's buildEnd.
 *
 * @example
 * buildEnd: (site) => writeMermaid(site.outDir)
 */
export function writeMermaid(outDir: string): void {
  const dist = mermaidDist();
  for (const file of mermaidFiles(dist)) {
    const target = join(outDir, mermaidFolder, file);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(dist, file), target);
  }
}

/**
 * A Vite plugin: `import 'mermaid'` gets theme/mermaid-runtime.ts, and `vitepress dev` serves
 * the shipped files under /vendor/mermaid/.
 *
 * @example
 * vite: { plugins: [mermaidPrebuilt()] }
 */
export function mermaidPrebuilt(): DevServerPlugin {
  const dist = mermaidDist();
  const served = new Set(mermaidFiles(dist));
  return {
    name: 'netprog-mermaid-prebuilt',
    enforce: 'pre',
    resolveId(source) {
      return source === 'mermaid' ? mermaidRuntime : undefined;
    },
    configureServer(server) {
      server.middlewares.use(`/${mermaidFolder}/`, (request, response, next) => {
        const file = (request.url ?? '').replace(/^\//, '').split('?')[0] ?? '';
        const path = join(dist, file);
        if (!served.has(file) || !existsSync(path)) return next();
        response.setHeader('content-type', 'text/javascript; charset=utf-8');
        response.end(readFileSync(path));
      });
    },
  };
}
