// @ts-check
// The module hooks register.mjs installs (they run on Node's loader thread). Node resolves a
// `.ts` file by itself (the course imports with explicit `.ts` extensions), but on Node 20 it
// cannot load one, and on Node 22 it cannot lower `using` declarations, which the course uses.
// So every `.ts` and `.mts` file is loaded here, as JavaScript from transform.mjs; every other
// file is Node's.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { toJavaScript } from './transform.mjs';

const TYPESCRIPT = /\.m?ts$/;

/** @type {import('node:module').LoadHook} */
export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !TYPESCRIPT.test(new URL(url).pathname)) {
    return nextLoad(url, context);
  }
  const file = fileURLToPath(url);
  const source = await readFile(file, 'utf8');
  return { format: 'module', source: await toJavaScript(file, source), shortCircuit: true };
}
