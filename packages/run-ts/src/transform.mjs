// @ts-check
// TypeScript source → JavaScript, with a cache on disk so that each version of a file is
// transformed once per checkout, not once per process.
//
// The options are tsx's (node_modules/tsx: `target: node<version>`, `keepNames`,
// `minifyWhitespace`, source maps), so that a file runs here as it does under `pnpm tsx`: the
// same lowering of `using`, and the same class and function names in what a program prints.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** esbuild's options for one file; the cache key covers them. */
export function transformOptions(/** @type {string} */ file) {
  return {
    loader: /** @type {const} */ ('ts'),
    format: /** @type {const} */ ('esm'),
    target: `node${process.versions.node}`,
    keepNames: true,
    minifyWhitespace: true,
    sourcemap: /** @type {const} */ ('inline'),
    sourcefile: file,
    // What tsconfig.base.json says, for the two options that change the JavaScript: imports are
    // kept as written, and class fields are defined (target es2023).
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } },
  };
}

/**
 * The cache file for one version of one file: a hash of everything the output depends on (the
 * path, which the source map names, the source, the options and esbuild's version).
 * @param {string} file
 * @param {string} source
 * @param {string} esbuildVersion
 */
export function cacheKey(file, source, esbuildVersion) {
  return createHash('sha256')
    .update(JSON.stringify([esbuildVersion, transformOptions(file), source]))
    .digest('hex');
}

/**
 * In this package's own node_modules/, not the system's temporary folder: there, another user of
 * a shared machine could create the folder first and plant JavaScript under a key anyone can
 * compute. Each checkout has its own cache.
 */
export const CACHE_DIR = fileURLToPath(new URL('../node_modules/.cache/run-ts/', import.meta.url));

/** @type {Promise<typeof import('esbuild')> | undefined} */
let esbuild;
// esbuild's version, read without loading esbuild (which starts its service process).
const ESBUILD_VERSION = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('esbuild/package.json'), 'utf8'),
).version;

/**
 * The JavaScript for a TypeScript file, from the cache or from esbuild.
 * @param {string} file its absolute path
 * @param {string} source its text
 * @returns {Promise<string>}
 */
export async function toJavaScript(file, source) {
  const cached = join(CACHE_DIR, `${cacheKey(file, source, ESBUILD_VERSION)}.js`);
  try {
    return await readFile(cached, 'utf8');
  } catch {
    // Not transformed yet on this machine: below.
  }
  esbuild ??= import('esbuild');
  const { code } = await (await esbuild).transform(source, transformOptions(file));
  // Written under a name of its own, then renamed: two processes that miss at once both write
  // whole files, and a reader never sees half of one.
  await mkdir(CACHE_DIR, { recursive: true });
  const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(partial, code);
  await rename(partial, cached);
  return code;
}
